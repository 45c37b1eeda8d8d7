package org.seg4j.data.synth;

/** Something standing on the ground; objects are drawn far to near (by {@link #baseRow}). */
interface SceneObject {

    /** The row where the object touches the ground. */
    float baseRow();

    /** Draws the object (and its cast shadow) over what is already on the canvas. */
    void draw(Canvas c);

    /** Whether the object is a countable thing with its own instance id (cars and pedestrians). */
    default boolean thing() {
        return false;
    }
}
