package org.iotevent.signature;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A classifier's name and the parameters it was trained with: what the signature file records so
 * that {@link Classifiers#restore} can rebuild the same classifier from the samples.
 *
 * @param name the classifier's name as {@code --classifier} takes it, e.g. {@code paper}
 * @param parameters numeric parameters by name (e.g. {@code k}); finite values only
 */
public record ClassifierSpec(String name, SortedMap<String, Double> parameters) {
    public ClassifierSpec {
        if (name == null || !name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("classifier name must be lower-case letters, digits, '-' or '_', found '"
                    + name + "'");
        }
        TreeMap<String, Double> copy = new TreeMap<>(parameters);
        for (Map.Entry<String, Double> e : copy.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("classifier parameter '" + e.getKey() + "' must be a finite number");
            }
        }
        parameters = Collections.unmodifiableSortedMap(copy);
    }

    /** The parameter {@code key}, or {@code fallback} when absent. */
    public double parameter(String key, double fallback) {
        Double v = parameters.get(key);
        return v == null ? fallback : v;
    }
}
