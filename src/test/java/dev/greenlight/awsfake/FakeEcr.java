package dev.greenlight.awsfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * ECR over JSON 1.1 ({@code X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.DescribeImages}):
 * DescribeImages with an imageIds filter, or a listing paged as ECR documents it (up to
 * {@code maxResults}, 100 by default, with a nextToken; maxResults together with imageIds is an
 * InvalidParameterException); RepositoryNotFoundException and ImageNotFoundException as ECR
 * answers them. A tag names one image: pushing it again moves it ({@link #repush}).
 */
public final class FakeEcr implements FakeService {
    static final String JSON11 = "application/x-amz-json-1.1";

    public record Image(String digest, List<String> tags, Instant pushedAt, long sizeBytes) {
    }

    private final String registryId;
    private final Map<String, List<Image>> repositories = new ConcurrentHashMap<>();

    public FakeEcr(String registryId) {
        this.registryId = registryId;
    }

    public FakeEcr push(String repository, Image image) {
        repositories.computeIfAbsent(repository, k -> new CopyOnWriteArrayList<>()).add(image);
        return this;
    }

    public FakeEcr repository(String name) {
        repositories.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
        return this;
    }

    /**
     * Pushes a new build under an existing tag, as {@code docker push repo:tag} does: the tag moves
     * to the new digest, the old image keeps its other tags (or none).
     */
    public FakeEcr repush(String repository, String tag, String digest, Instant pushedAt) {
        List<Image> images = repositories.computeIfAbsent(repository, k -> new CopyOnWriteArrayList<>());
        for (int i = 0; i < images.size(); i++) {
            Image old = images.get(i);
            if (old.tags().contains(tag)) {
                List<String> rest = new ArrayList<>(old.tags());
                rest.remove(tag);
                images.set(i, new Image(old.digest(), rest, old.pushedAt(), old.sizeBytes()));
            }
        }
        images.add(new Image(digest, List.of(tag), pushedAt, 413_500_000L));
        return this;
    }

    /** The digest a tag names now, or null. */
    public String digestOf(String repository, String tag) {
        return repositories.getOrDefault(repository, List.of()).stream().filter(i -> i.tags().contains(tag))
                .map(Image::digest).findFirst().orElse(null);
    }

    /** Removes the images carrying this tag. */
    public FakeEcr delete(String repository, String tag) {
        repositories.getOrDefault(repository, List.of()).removeIf(i -> i.tags().contains(tag));
        return this;
    }

    @Override
    public String signingName() {
        return "ecr";
    }

    @Override
    public FakeResponse handle(FakeRequest r) {
        if (!r.operation().equals("DescribeImages")) {
            return error(400, "UnknownOperationException", "Unknown operation " + r.operation());
        }
        JsonNode in = r.json();
        String repo = in.path("repositoryName").asText(null);
        List<Image> images = repo == null ? null : repositories.get(repo);
        if (images == null) {
            return error(400, "RepositoryNotFoundException", "The repository with name '" + repo
                    + "' does not exist in the registry with id '" + registryId + "'");
        }
        List<Image> selected = new ArrayList<>();
        String nextToken = null;
        if (in.has("imageIds") && in.has("maxResults")) {
            return error(400, "InvalidParameterException", "maxResults cannot be used together with imageIds.");
        }
        if (in.has("imageIds")) {
            for (JsonNode id : in.get("imageIds")) {
                String tag = id.path("imageTag").asText(null);
                String digest = id.path("imageDigest").asText(null);
                Image hit = images.stream().filter(i -> (tag == null || i.tags().contains(tag))
                        && (digest == null || i.digest().equals(digest))).findFirst().orElse(null);
                if (hit == null) {
                    return error(400, "ImageNotFoundException", "The image with imageId {imageDigest:'" + digest
                            + "', imageTag:'" + tag + "'} does not exist within the repository with name '" + repo
                            + "' in the registry with id '" + registryId + "'");
                }
                selected.add(hit);
            }
        } else {
            int max = in.path("maxResults").asInt(100);
            if (max < 1 || max > 1000) {
                return error(400, "InvalidParameterException", "maxResults must be between 1 and 1000.");
            }
            int from = in.hasNonNull("nextToken") ? Integer.parseInt(in.get("nextToken").asText().replace("ecr-page-", "")) : 0;
            int to = Math.min(images.size(), from + max);
            selected.addAll(images.subList(Math.min(from, to), to));
            if (to < images.size()) {
                nextToken = "ecr-page-" + to;
            }
        }
        ObjectNode out = FakeRequest.JSON.createObjectNode();
        ArrayNode details = out.putArray("imageDetails");
        for (Image i : selected) {
            ObjectNode d = details.addObject();
            d.put("registryId", registryId);
            d.put("repositoryName", repo);
            d.put("imageDigest", i.digest());
            ArrayNode tags = d.putArray("imageTags");
            i.tags().forEach(tags::add);
            d.put("imageSizeInBytes", i.sizeBytes());
            d.put("imagePushedAt", i.pushedAt().getEpochSecond() + i.pushedAt().getNano() / 1e9);
            d.put("imageManifestMediaType", "application/vnd.docker.distribution.manifest.v2+json");
            d.put("artifactMediaType", "application/vnd.docker.container.image.v1+json");
        }
        if (nextToken != null) {
            out.put("nextToken", nextToken);
        }
        return FakeResponse.json(out, JSON11);
    }

    @Override
    public FakeResponse error(int status, String code, String message) {
        return FakeResponse.jsonError(status, JSON11, code, message);
    }
}
