package io.lethe.producer;

/**
 * A record holding personal data, in the clear, as the producer has it; it leaves the producer only
 * sealed. The record id travels in the clear (it is hashed into a commitment everywhere else), so it
 * must be an opaque id, not personal data.
 *
 * @param label   the class (for faces and speakers: the person), sealed with the payload
 * @param payload the raw bytes (a PGM image, a WAV clip, an optdigits row)
 */
public record PersonalRecord(String recordId, String subjectId, String label, byte[] payload) {

    public PersonalRecord {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public String toString() {
        return "PersonalRecord[" + recordId + ", " + payload.length + " bytes]";
    }
}
