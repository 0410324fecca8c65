package io.lethe.command.erasure;

import java.util.List;

/** Which models exist: an erasure asks every one of them to forget the subject. */
public interface ModelDirectory {

    List<String> allModelIds();
}
