package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.ids.ModelId;

/**
 * {@code lethe.Deploy}: make a completed model version the deployed one.
 *
 * @param erasureId internal, set only by the ledger's erasure process when it deploys the version that forgot its
 *                  subject; on Kafka the field is refused ({@code INTERNAL_FIELD})
 */
public record DeployCommand(ModelId modelId, Integer version, String erasureId) implements ModelCommand {

    public DeployCommand {
        Require.present("modelId", modelId);
        Require.range("version", Require.present("version", version), 1, Integer.MAX_VALUE, ErrorCode.INVALID_FIELD);
    }

    public DeployCommand(ModelId modelId, Integer version) {
        this(modelId, version, null);
    }
}
