package io.lethe.api.events;

/**
 * A record as events know it: its keyed commitment, its subject's pseudonym and its label's
 * pseudonym. The record id, subject id, label and payload never leave the vault.
 */
public record IngestedRecord(String commitment, String subjectPseudonym, String labelPseudonym) {
}
