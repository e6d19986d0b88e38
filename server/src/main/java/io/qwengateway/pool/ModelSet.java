package io.qwengateway.pool;

import java.util.List;
import java.util.Set;

/** The model names an upstream serves: a list, or {@code *} for any name. */
public final class ModelSet {

    public static final String ANY = "*";
    public static final ModelSet ALL = new ModelSet(List.of(ANY));

    private final boolean any;
    private final Set<String> names;
    private final List<String> listed;

    private ModelSet(List<String> models) {
        this.any = models.contains(ANY);
        this.listed = List.copyOf(models);
        this.names = any ? Set.of() : Set.copyOf(models);
    }

    /** Empty or null means any model. */
    public static ModelSet of(List<String> models) {
        return models == null || models.isEmpty() ? ALL : new ModelSet(models);
    }

    /** Whether a request for {@code model} may go here; a request without a model goes anywhere. */
    public boolean serves(String model) {
        return any || model == null || names.contains(model);
    }

    public boolean servesAny() {
        return any;
    }

    /** The names as configured, {@code *} included. */
    public List<String> listed() {
        return listed;
    }

    @Override
    public String toString() {
        return String.join(",", listed);
    }
}
