package org.seg4j.data.synth;

import org.seg4j.data.ClassMeta;

/** The classes of {@link SyntheticStreetScenes}, with CamVid-like colours; 255 marks void. */
public final class StreetClasses {

    /** Class id of sky. */
    public static final int SKY = 0;
    /** Class id of buildings (facades, windows, roof edges). */
    public static final int BUILDING = 1;
    /** Class id of the road, lane markings and crossings included. */
    public static final int ROAD = 2;
    /** Class id of pavements, curbs and open ground. */
    public static final int PAVEMENT = 3;
    /** Class id of trees, trunks included. */
    public static final int TREE = 4;
    /** Class id of cars, wheels and windows included. */
    public static final int CAR = 5;
    /** Class id of pedestrians. */
    public static final int PEDESTRIAN = 6;

    private static final ClassMeta META = ClassMeta.of(
            new String[] {"sky", "building", "road", "pavement", "tree", "car", "pedestrian"},
            new int[][] {{128, 128, 128}, {128, 0, 0}, {128, 64, 128}, {60, 40, 222}, {128, 128, 0}, {64, 0, 128},
                {64, 64, 0}},
            255);

    private StreetClasses() {}

    private static final ClassMeta THINGS = META.withThings(java.util.List.of("car", "pedestrian"));

    /** The class list with car and pedestrian marked as things ({@code isthing}), the rest stuff. */
    public static ClassMeta withThings() {
        return THINGS;
    }

    /** The class list (7 classes, ignore index 255). */
    public static ClassMeta meta() {
        return META;
    }
}
