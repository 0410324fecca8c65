package io.lethe.command.erasure;

/** Destroys a data subject's vault key (crypto-shredding); the vault implements it. */
public interface KeyShredder {

    void shred(String subjectPseudonym, String reason);
}
