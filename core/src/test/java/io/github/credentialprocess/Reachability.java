package io.github.credentialprocess;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Walks the object graph from a root, through the fields of this project's classes and the
 * containers they use (atomic references, completed futures, optionals, collections, maps,
 * arrays), and collects every instance of a type: to prove that a stopped provider holds no
 * credentials. Public so that the Spring tests can use it.
 */
public final class Reachability {

	private static final String OWN_PACKAGE = "io.github.credentialprocess";

	private Reachability() {
	}

	public static <T> List<T> instancesOf(Class<T> type, Object root) {
		Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Object> pending = new ArrayDeque<>();
		List<T> found = new ArrayList<>();
		pending.push(java.util.Objects.requireNonNull(root, "root"));
		while (!pending.isEmpty()) {
			Object object = pending.pop();
			if (!seen.add(object)) {
				continue;
			}
			if (type.isInstance(object)) {
				found.add(type.cast(object));
			}
			children(object).stream().filter(java.util.Objects::nonNull).forEach(pending::push);
		}
		return found;
	}

	private static List<Object> children(Object object) {
		List<Object> children = new ArrayList<>();
		if (object instanceof AtomicReference<?> reference) {
			children.add(reference.get());
		}
		else if (object instanceof CompletableFuture<?> future) {
			children.add(future.getNow(null));
		}
		else if (object instanceof Optional<?> optional) {
			children.add(optional.orElse(null));
		}
		else if (object instanceof Collection<?> collection) {
			children.addAll(collection);
		}
		else if (object instanceof Map<?, ?> map) {
			children.addAll(map.keySet());
			children.addAll(map.values());
		}
		else if (object.getClass().isArray() && !object.getClass().getComponentType().isPrimitive()) {
			for (int i = 0; i < Array.getLength(object); i++) {
				children.add(Array.get(object, i));
			}
		}
		else if (object.getClass().getName().startsWith(OWN_PACKAGE)) {
			for (Class<?> type = object.getClass(); type.getName().startsWith(OWN_PACKAGE); type = type.getSuperclass()) {
				for (Field field : type.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
						children.add(read(field, object));
					}
				}
			}
		}
		return children;
	}

	private static Object read(Field field, Object object) {
		try {
			field.setAccessible(true);
			return field.get(object);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalStateException("Cannot read " + field + "; the walk would miss what it holds", ex);
		}
	}

}
