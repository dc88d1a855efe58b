package io.splitcheck.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which engines get a copy, what is checked after the load, and what closing removes. */
class ImageCopiesTest {
  private static final String TAG = "splitcheck-run/20261126-020000-42:s";
  private static final String ID = "sha256:aaa";

  /**
   * Images by tag; a "saved" stream is the image id, and loading it sets the tag the stream names.
   */
  static final class Store implements ImageStore {
    final Map<String, String> tags = new TreeMap<>();
    final List<String> calls = new ArrayList<>();
    boolean loadLoses;

    @Override
    public Optional<ImageInfo> inspect(String ref) {
      return Optional.ofNullable(tags.get(ref))
          .map(id -> new ImageInfo(id, List.of(ref), List.of(), List.of(), 1, "amd64"));
    }

    @Override
    public InputStream save(String ref) {
      calls.add("save " + ref);
      return new ByteArrayInputStream((ref + "=" + tags.get(ref)).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void load(InputStream tar) {
      try {
        String[] entry = new String(tar.readAllBytes(), StandardCharsets.UTF_8).split("=");
        calls.add("load " + entry[0]);
        if (!loadLoses) {
          tags.put(entry[0], entry[1]);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void tag(String image, String repoTag) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String ref) {
      calls.add("remove " + ref);
      tags.remove(ref);
    }
  }

  private static Store source() {
    Store s = new Store();
    s.tags.put(TAG, ID);
    return s;
  }

  @Test
  void spread_streamsTheTaggedImageToEveryOtherEngine_andCloseRemovesTheCopies() throws Exception {
    Store first = source();
    Store b = new Store();
    Store c = new Store();
    ImageCopies copies =
        ImageCopies.spread(
            first,
            List.of(new ImageCopies.Target("tcp://b:1", b), new ImageCopies.Target("tcp://c:1", c)),
            TAG,
            ID);
    assertEquals(ID, b.tags.get(TAG));
    assertEquals(ID, c.tags.get(TAG));
    assertEquals(List.of("save " + TAG, "save " + TAG), first.calls);
    copies.close();
    assertEquals(Map.of(), b.tags);
    assertEquals(Map.of(), c.tags);
    assertEquals(Map.of(TAG, ID), first.tags, "the built image stays where it was built");
  }

  @Test
  void spread_leavesAnEngineAlone_thatHoldsTheImageUnderTheTag() throws Exception {
    Store alias = source(); // the building engine given again under another URL
    ImageCopies copies =
        ImageCopies.spread(
            source(), List.of(new ImageCopies.Target("unix:///run/d.sock", alias)), TAG, ID);
    copies.close();
    assertEquals(List.of(), alias.calls);
    assertEquals(Map.of(TAG, ID), alias.tags);
  }

  @Test
  void spread_fails_namingTheEngine_whenTheImageDidNotArrive_andRemovesWhatItCopied() {
    Store b = new Store();
    Store lossy = new Store();
    lossy.loadLoses = true;
    EngineException e =
        assertThrows(
            EngineException.class,
            () ->
                ImageCopies.spread(
                    source(),
                    List.of(
                        new ImageCopies.Target("tcp://b:1", b),
                        new ImageCopies.Target("tcp://lossy:1", lossy)),
                    TAG,
                    ID));
    assertEquals(
        "copying image "
            + TAG
            + " to tcp://lossy:1: after POST /images/load the engine has no image "
            + TAG,
        e.getMessage());
    assertEquals(Map.of(), b.tags, "the copy that did arrive is removed again");
    assertTrue(lossy.calls.contains("remove " + TAG), lossy.calls.toString());
  }
}
