package io.lethe.api.events;

/** Why a model version exists. */
public enum VersionCause {
    TRAIN_BACKBONE, LEARN, ADAPT, FORGET
}
