package com.usepylon.jira.security;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A generator of random test values: a function of a seeded random source, so that the same seed
 * generates the same values again. The schema fuzzer builds all its requests from these.
 */
@FunctionalInterface
interface Gen<T> {

    T next(SplittableRandom random);

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    /** One of the values, each as likely. */
    static <T> Gen<T> element(List<? extends T> values) {
        return random -> values.get(random.nextInt(values.size()));
    }

    /** One of the generators, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... choices) {
        return random -> choices[random.nextInt(choices.length)].next(random);
    }

    static Gen<Integer> between(int min, int max) {
        return random -> random.nextInt(min, max + 1);
    }

    /** Starts a choice among generators with weights: {@code weighted().or(3, a).or(1, b)}. */
    static <T> Weighted<T> weighted() {
        return new Weighted<>();
    }

    /** A choice among generators, each picked in proportion to its weight. */
    final class Weighted<T> implements Gen<T> {

        private final List<Integer> weights = new ArrayList<>();
        private final List<Gen<? extends T>> choices = new ArrayList<>();
        private int total;

        public Weighted<T> or(int weight, Gen<? extends T> choice) {
            weights.add(weight);
            choices.add(choice);
            total += weight;
            return this;
        }

        @Override
        public T next(SplittableRandom random) {
            int pick = random.nextInt(total);
            for (int i = 0; i < choices.size(); i++) {
                pick -= weights.get(i);
                if (pick < 0) {
                    return choices.get(i).next(random);
                }
            }
            throw new IllegalStateException("unreachable: the weights add up to " + total);
        }
    }
}
