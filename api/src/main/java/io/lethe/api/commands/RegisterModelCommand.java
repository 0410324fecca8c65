package io.lethe.api.commands;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import io.lethe.api.ids.ModelId;

import java.util.Set;

/** {@code lethe.RegisterModel}: a new model for one task on one accelerator preset. */
public record RegisterModelCommand(ModelId modelId, Task task, String preset) implements ModelCommand {

    public static final String DEFAULT_PRESET = "paper-180nm";
    public static final Set<String> PRESETS = Set.of(DEFAULT_PRESET);

    public RegisterModelCommand {
        Require.present("modelId", modelId);
        Require.present("task", task);
        preset = preset == null ? DEFAULT_PRESET : preset;
        if (!PRESETS.contains(preset)) {
            throw new LetheException(ErrorCode.INVALID_FIELD, "preset must be one of " + PRESETS + ", was " + preset);
        }
    }
}
