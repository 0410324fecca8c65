package io.lethe.command;

import io.lethe.api.ErrorCode;
import io.lethe.api.LetheException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Fixture tests expect rejections by their code, never by their message. */
public final class ErrorCodes {

    private ErrorCodes() {
    }

    public static Matcher<LetheException> rejectedWith(ErrorCode expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(LetheException e) {
                return e.errorCode() == expected;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LetheException with code " + expected);
            }
        };
    }
}
