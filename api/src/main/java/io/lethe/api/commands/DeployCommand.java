package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.ids.ModelId;

/** {@code lethe.Deploy}: make a completed model version the deployed one. */
public record DeployCommand(ModelId modelId, Integer version) implements ModelCommand {

    public DeployCommand {
        Require.present("modelId", modelId);
        Require.range("version", Require.present("version", version), 1, Integer.MAX_VALUE, ErrorCode.INVALID_FIELD);
    }
}
