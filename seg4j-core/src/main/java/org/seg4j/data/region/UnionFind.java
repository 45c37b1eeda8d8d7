package org.seg4j.data.region;

/** Disjoint sets over {@code 0..n-1} with union by size and path halving, tracking set sizes. */
final class UnionFind {

    private final int[] parent;
    private final int[] size;

    UnionFind(int n) {
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Size of the set whose root is {@code root}. */
    int size(int root) {
        return size[root];
    }

    /** Joins the sets of roots {@code a} and {@code b}; returns the new root. */
    int union(int a, int b) {
        if (size[a] < size[b]) {
            int t = a;
            a = b;
            b = t;
        }
        parent[b] = a;
        size[a] += size[b];
        return a;
    }
}
