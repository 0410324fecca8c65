package io.lethe.api.cloudevents;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code data_base64} is read as JSON or refused with a code, never ignored; binary mode becomes the same JSON. */
class CloudEventDataTest {

    private static final String DATA = "{\"modelId\":\"face-1\",\"task\":\"face\"}";

    private static CloudEvent parse(String json) {
        return CloudEventCodec.parse(json.getBytes(StandardCharsets.UTF_8), 4096);
    }

    private static String event(String members) {
        return "{\"specversion\":\"1.0\",\"id\":\"c-1\",\"source\":\"test\",\"type\":\"lethe.RegisterModel\"" + members + "}";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRejected(String json, ErrorCode code) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(LetheException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void dataBase64OfJsonIsReadAsData() {
        CloudEvent event = parse(event(",\"datacontenttype\":\"application/json\",\"data_base64\":\"" + base64(DATA) + "\""));
        assertThat(event.data().path("modelId").asText()).isEqualTo("face-1");
        assertThat(parse(event(",\"data_base64\":\"" + base64(DATA) + "\"")).data())
                .as("no datacontenttype means JSON").isEqualTo(event.data());
    }

    @Test
    void dataBase64OfAnotherContentTypeIsRefused() {
        assertRejected(event(",\"datacontenttype\":\"application/octet-stream\",\"data_base64\":\"AAEC\""),
                ErrorCode.UNSUPPORTED_CONTENT_TYPE);
    }

    @Test
    void dataAndDataBase64TogetherAreNotACloudEvent() {
        assertRejected(event(",\"data\":" + DATA + ",\"data_base64\":\"" + base64(DATA) + "\""), ErrorCode.NOT_A_CLOUDEVENT);
    }

    @Test
    void brokenDataBase64IsRefusedWithACode() {
        assertRejected(event(",\"data_base64\":\"not base64!\""), ErrorCode.NOT_A_CLOUDEVENT);
        assertRejected(event(",\"data_base64\":42"), ErrorCode.NOT_A_CLOUDEVENT);
        assertRejected(event(",\"data_base64\":\"" + base64("{not json") + "\""), ErrorCode.MALFORMED_JSON);
    }

    @Test
    void binaryModeBecomesTheStructuredEvent() {
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        for (String[] a : new String[][] {{"specversion", "1.0"}, {"id", "c-1"}, {"source", "test"},
                {"type", "lethe.RegisterModel"}, {"datacontenttype", "application/json"}, {"letheorigin", "x"}}) {
            attributes.put(a[0], a[1].getBytes(StandardCharsets.UTF_8));
        }
        CloudEvent event = CloudEventCodec.parse(
                CloudEventCodec.binaryToStructured(attributes, DATA.getBytes(StandardCharsets.UTF_8)), 4096);
        assertThat(event.id()).isEqualTo("c-1");
        assertThat(event.extension("letheorigin")).isEqualTo("x");
        assertThat(event.data().path("task").asText()).isEqualTo("face");
    }

    @Test
    void aBinaryHeaderWithoutAValueIsNotACloudEvent() {
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        attributes.put("specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        attributes.put("id", null);
        assertThatThrownBy(() -> CloudEventCodec.binaryToStructured(attributes, null))
                .isInstanceOfSatisfying(LetheException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_A_CLOUDEVENT));
    }

    @Test
    void binaryModeOfAnotherContentTypeIsRefused() {
        Map<String, byte[]> attributes = new LinkedHashMap<>();
        attributes.put("specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        attributes.put("id", "c-1".getBytes(StandardCharsets.UTF_8));
        attributes.put("source", "s".getBytes(StandardCharsets.UTF_8));
        attributes.put("type", "lethe.RegisterModel".getBytes(StandardCharsets.UTF_8));
        attributes.put("datacontenttype", "text/plain".getBytes(StandardCharsets.UTF_8));
        byte[] structured = CloudEventCodec.binaryToStructured(attributes, "hello".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventCodec.parse(structured, 4096)).isInstanceOfSatisfying(LetheException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_CONTENT_TYPE));
    }
}
