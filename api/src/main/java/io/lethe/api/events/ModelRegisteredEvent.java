package io.lethe.api.events;

import io.lethe.api.commands.Task;
import io.lethe.api.ids.ModelId;

/** A model now exists, for one task on one accelerator preset; it has no version until it learns. */
public record ModelRegisteredEvent(ModelId modelId, Task task, String preset) implements DomainEvent {
}
