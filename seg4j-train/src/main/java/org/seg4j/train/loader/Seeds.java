package org.seg4j.train.loader;

/**
 * Derives independent generator seeds from (seed, epoch, index) so that every random decision of
 * the loader is a pure function of those three numbers.
 */
final class Seeds {

    /** The index used for the epoch's shuffle, distinct from every sample index. */
    static final long SHUFFLE = -1;

    /** The index used for the epoch's weighted draw (class-aware sampling). */
    static final long SAMPLING = -2;

    /** Mixed into a sample's own seed for its copy-paste draws (the donor, the classes). */
    static final long PASTE = -3;

    private Seeds() {}

    /** A well-mixed 64-bit seed for the given triple. */
    static long mix(long seed, long epoch, long index) {
        long h = murmur(seed ^ 0x9E3779B97F4A7C15L);
        h = murmur(h ^ (epoch * 0xC2B2AE3D27D4EB4FL));
        return murmur(h ^ (index * 0x165667B19E3779F9L));
    }

    /** The finaliser of MurmurHash3 (also SplitMix64's), a bijective avalanche of all 64 bits. */
    private static long murmur(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
