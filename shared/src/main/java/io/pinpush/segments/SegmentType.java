package io.pinpush.segments;

/** DIMENSIONAL segments are defined by criteria; IMPORT segments come from import jobs. */
public enum SegmentType { DIMENSIONAL, IMPORT }
