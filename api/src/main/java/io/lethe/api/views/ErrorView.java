package io.lethe.api.views;

import io.lethe.api.ErrorCode;

/** Every REST error: a code to match on and a message for humans; never a stack trace. */
public record ErrorView(ErrorCode errorCode, String message) {
}
