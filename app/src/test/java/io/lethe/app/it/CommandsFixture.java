package io.lethe.app.it;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Builds contract commands as JSON CloudEvents, as a producer in any language would write them. */
final class CommandsFixture {

    private CommandsFixture() {
    }

    static String envelope(String id, String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"it\",\"type\":\"" + type + "\","
                + "\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
    }

    /** ORL subject {@code sN}: its ten bundled images, labelled by the subject (face recognition). */
    static String ingestOrlSubject(String id, int subject, String recordPrefix) {
        String records = IntStream.rangeClosed(1, 10).mapToObj(i -> "{\"recordId\":\"" + recordPrefix + "s" + subject
                        + "-" + i + "\",\"subjectId\":\"" + recordPrefix + "s" + subject + "\",\"label\":\"s" + subject
                        + "\",\"source\":\"orl:s" + subject + "/" + i + ".pgm\"}")
                .collect(Collectors.joining(","));
        return envelope(id, "lethe.IngestRecords", "{\"dataset\":\"orl\",\"records\":[" + records + "]}");
    }

    static String subjects(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "\"" + prefix + "s" + i + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    static String registerModel(String id, String modelId, String task) {
        return envelope(id, "lethe.RegisterModel", "{\"modelId\":\"" + modelId + "\",\"task\":\"" + task + "\"}");
    }

    static String trainBackbone(String id, String modelId, String subjects, long seed) {
        return envelope(id, "lethe.TrainBackbone", "{\"modelId\":\"" + modelId + "\",\"selector\":{\"dataset\":\"orl\","
                + "\"subjects\":" + subjects + "},\"seed\":" + seed + "}");
    }

    static String learn(String id, String modelId, String subjects, int slices, int rank, long seed) {
        return envelope(id, "lethe.Learn", "{\"modelId\":\"" + modelId + "\",\"selector\":{\"dataset\":\"orl\","
                + "\"subjects\":" + subjects + "},\"slices\":" + slices + ",\"rank\":" + rank + ",\"seed\":" + seed + "}");
    }

    static String adapt(String id, String modelId, String subjects, int rank, long seed) {
        return envelope(id, "lethe.Adapt", "{\"modelId\":\"" + modelId + "\",\"selector\":{\"dataset\":\"orl\","
                + "\"subjects\":" + subjects + "},\"rank\":" + rank + ",\"seed\":" + seed + "}");
    }

    static String forgetSubject(String id, String modelId, String subjectId, String mode) {
        return envelope(id, "lethe.Forget", "{\"modelId\":\"" + modelId + "\",\"subjectId\":\"" + subjectId + "\""
                + (mode == null ? "" : ",\"mode\":\"" + mode + "\"") + "}");
    }

    static String deploy(String id, String modelId, int version) {
        return envelope(id, "lethe.Deploy", "{\"modelId\":\"" + modelId + "\",\"version\":" + version + "}");
    }

    static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }
}
