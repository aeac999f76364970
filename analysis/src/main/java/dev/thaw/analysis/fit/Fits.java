package dev.thaw.analysis.fit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fitted models file {@code fits.json} that {@code thaw analyze} writes and {@code thaw generate --fit} reads:
 * <pre>{"models":[{"target":"iat_s","group":{"region":"R2"},"family":"gamma","params":{"shape":..,"scale":..},
 *   "loglik":..,"aic":..,"bic":..,"ks":..,"ks_p":..,"wasserstein":..}],
 *  "mmpp":{"rate0":..,"rate1":..,"q01":..,"q10":..} | null,
 *  "diurnal":{"bin_s":3600,"relative_rate":[24 numbers, mean 1]} | null,
 *  "bursty":{"family":"batch-mmpp2", ...} (absent when not calibrated),
 *  "population":{"functions":[{"id","share"}], ...} (absent when the trace names no functions)}</pre>
 * Targets: {@code iat_s}, {@code coldstart_total_s}, {@code <component>_s}, {@code prompt_tokens},
 * {@code output_tokens}, ...; group {} for the whole trace. Unknown keys are ignored when reading.
 */
public record Fits(List<Model> models, Mmpp mmpp, Diurnal diurnal,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> bursty,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> population) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Fits {
        models = List.copyOf(models);
    }

    public Fits(List<Model> models, Mmpp mmpp, Diurnal diurnal) { this(models, mmpp, diurnal, null, null); }

    /**
     * The same fits with the calibrated arrival model ({@code bursty}: what {@code thaw generate --fit} draws
     * arrivals from, see dev.thaw.workload.calibrate.FittedModels) and, for traces that name functions, the
     * function population ({@code population}); either may be null.
     */
    public Fits withCalibration(Map<String, Object> bursty, Map<String, Object> population) {
        return new Fits(models, mmpp, diurnal, bursty, population);
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String target, Map<String, String> group, String family, Map<String, Double> params,
                        double loglik, double aic, double bic, double ks, @JsonProperty("ks_p") double ksP,
                        double wasserstein) {
        public Model {
            group = group == null ? Map.of() : new TreeMap<>(group);
        }

        public static Model of(String target, Map<String, String> group, FittedModel m) {
            return new Model(target, group, m.family().id(), m.params(), m.loglik(), m.aic(), m.bic(), m.ks(), m.ksP(),
                    m.wasserstein());
        }

        public Family familyEnum() { return Family.byId(family); }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mmpp(double rate0, double rate1, double q01, double q10) {
        public static Mmpp of(Mmpp2 m) { return m == null ? null : new Mmpp(m.rate0(), m.rate1(), m.q01(), m.q10()); }
        public Mmpp2 toProcess() { return new Mmpp2(rate0, rate1, q01, q10); }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Diurnal(@JsonProperty("bin_s") int binS, @JsonProperty("relative_rate") double[] relativeRate) {
        public static Diurnal of(DiurnalProfile p) { return p == null ? null : new Diurnal(p.binS(), p.relativeRate()); }
    }

    /** The model with the lowest AIC for a target and group, if any. */
    public Optional<Model> best(String target, Map<String, String> group) {
        Map<String, String> g = new TreeMap<>(group);
        return models.stream().filter(m -> m.target().equals(target) && m.group().equals(g))
                .min((a, b) -> Double.compare(a.aic(), b.aic()));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Fits fromJson(String json) {
        try {
            Fits f = JSON.readValue(json, Fits.class);
            return new Fits(f.models() == null ? new ArrayList<>() : f.models(), f.mmpp(), f.diurnal(), f.bursty(), f.population());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a thaw fits.json: " + e.getMessage(), e);
        }
    }

    /** Writes to a temporary file beside {@code path}, then renames it into place. */
    public void write(Path path) throws IOException {
        Path abs = path.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = dev.thaw.ingest.write.TempFiles.register(Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp"));
        try {
            Files.writeString(tmp, toJson());
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
            dev.thaw.ingest.write.TempFiles.release(tmp);
        }
    }

    public static Fits read(Path path) throws IOException {
        return fromJson(Files.readString(path));
    }
}
