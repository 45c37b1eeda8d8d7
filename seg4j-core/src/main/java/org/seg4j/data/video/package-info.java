/**
 * Video as data: ordered frame sequences with sparse labels ({@link org.seg4j.data.video.FrameSequences}
 * groups CamVid-style {@code PREFIX_NUMBER} file names and reads the {@code clips/<name>/frames/}
 * layout), and video files read and written through the ffmpeg command-line tool
 * ({@link org.seg4j.data.video.VideoReader}, {@link org.seg4j.data.video.VideoWriter}).
 */
package org.seg4j.data.video;
