/**
 * Index masks as polygons: {@link org.seg4j.data.polygon.RegionTracer} finds every 4-connected
 * region of each class and traces its outline and holes along pixel edges (exact: filling the
 * outline minus the holes gives the region back); {@link org.seg4j.data.polygon.RingSimplifier}
 * thins them with Douglas-Peucker; {@link org.seg4j.data.polygon.Keyhole} joins holes into one
 * outline for formats without holes. The LabelMe and COCO writers in {@code data.convert} use them.
 */
package org.seg4j.data.polygon;
