package io.autoloop.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's files as the tests that read the whole repository see them: its root, the files git tracks (or,
 * without git, the tree minus what the root {@code .gitignore} names) and their lines.
 */
final class RepositoryFiles {

    private RepositoryFiles() {}

    /** The repository root: the nearest folder, from the working directory upwards, with data/obd and a pom.xml. */
    static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("data/obd")) && Files.isRegularFile(folder.resolve("pom.xml"))) {
                return folder;
            }
        }
        throw new IllegalStateException("No folder from " + start + " upwards holds data/obd and a pom.xml.");
    }

    /** The repository's files, relative to {@code root}: {@code git ls-files}, or the walked tree when git fails. */
    static List<String> list(Path root) {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z")
                    .directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String listing;
            try (InputStream out = git.getInputStream()) {
                listing = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (git.waitFor() == 0) {
                return Stream.of(listing.split("\0"))
                        .filter(file -> !file.isEmpty() && Files.isRegularFile(root.resolve(file)))
                        .toList();
            }
        } catch (IOException e) {
            // no git on this machine: walk the tree instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return walk(root);
    }

    /**
     * Every file under {@code root} but {@code .git} and what the root {@code .gitignore} names, in the forms it uses:
     * {@code name/} (a folder anywhere), {@code a/b/} (a folder from the root) and {@code *.ext} (file names).
     */
    static List<String> walk(Path root) {
        List<String> ignored = new ArrayList<>(List.of(".git"));
        List<PathMatcher> names = new ArrayList<>();
        for (String pattern : lines(root.resolve(".gitignore"))) {
            String entry = pattern.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            if (entry.endsWith("/")) {
                ignored.add(entry.substring(0, entry.length() - 1));
            } else {
                names.add(FileSystems.getDefault().getPathMatcher("glob:" + entry));
            }
        }
        List<String> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                    Path relative = root.relativize(folder);
                    return ignored.stream().anyMatch(name -> ignores(name, relative))
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    Path relative = root.relativize(file);
                    if (attributes.isRegularFile()
                            && names.stream().noneMatch(name -> name.matches(file.getFileName()))
                            && !relative.toString().equals(".git")) {
                        files.add(relative.toString().replace('\\', '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not walk the repository at " + root + ".", e);
        }
        files.sort(null);
        return files;
    }

    /** Whether the .gitignore folder entry {@code name} names {@code folder}: from the root if it has a slash, else anywhere. */
    private static boolean ignores(String name, Path folder) {
        return name.contains("/")
                ? folder.equals(Path.of(name))
                : folder.getNameCount() > 0 && folder.getFileName().toString().equals(name);
    }

    /** The lines of a text file; none for a binary one (a NUL byte in it) or a missing one. */
    static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return List.of();
                }
            }
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ".", e);
        }
    }
}
