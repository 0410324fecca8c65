package io.lethe.command.model;

import io.lethe.api.commands.RegisterModelCommand;
import io.lethe.api.commands.Task;
import io.lethe.api.events.ModelRegisteredEvent;
import io.lethe.api.ids.ModelId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelTest {

    private static final ModelId MODEL = ModelId.of("face-1");

    private AggregateTestFixture<Model> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Model.class);
    }

    @Test
    void registerModelPublishesModelRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterModelCommand(MODEL, Task.FACE, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ModelRegisteredEvent(MODEL, Task.FACE, RegisterModelCommand.DEFAULT_PRESET));
    }
}
