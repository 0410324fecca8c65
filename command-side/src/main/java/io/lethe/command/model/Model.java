package io.lethe.command.model;

import io.lethe.api.commands.RegisterModelCommand;
import io.lethe.api.commands.Task;
import io.lethe.api.events.ModelRegisteredEvent;
import io.lethe.api.ids.ModelId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A model: its task, its backbone, its LoRA branches with their slices, its versions and the deployed one. */
public class Model {

    @AggregateIdentifier
    private ModelId modelId;
    private Task task;

    /** Required by Axon to construct an empty instance before replaying its events. */
    protected Model() {
    }

    @CommandHandler
    public Model(RegisterModelCommand command) {
        apply(new ModelRegisteredEvent(command.modelId(), command.task(), command.preset()));
    }

    @EventSourcingHandler
    void on(ModelRegisteredEvent event) {
        this.modelId = event.modelId();
        this.task = event.task();
    }
}
