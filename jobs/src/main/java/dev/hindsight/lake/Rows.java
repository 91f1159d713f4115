package dev.hindsight.lake;

import java.util.List;

/** Small helpers for building Spark Rows from Java. */
public final class Rows {
  private Rows() {}

  /** Spark's Row encoder wants a Scala Seq for array columns. */
  public static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
  }
}
