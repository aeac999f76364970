package dev.thaw.workload.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.ingest.BadInputException;
import dev.thaw.workload.arrival.ArrivalModel;
import dev.thaw.workload.arrival.BatchedArrivals;
import dev.thaw.workload.arrival.GapDistribution;
import dev.thaw.workload.arrival.Gaps;
import dev.thaw.workload.arrival.Mmpp2Arrivals;
import dev.thaw.workload.arrival.NonHomogeneousPoissonArrivals;
import dev.thaw.workload.arrival.RateProfile;
import dev.thaw.workload.arrival.RenewalArrivals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fitted models of {@code thaw analyze} ({@code fits.json}), read tolerantly: unknown keys are ignored.
 * Shape: {@code {"models":[{"target","group":{},"family","params":{}, ...}], "mmpp":{rate0,rate1,q01,q10}|null,
 * "diurnal":{"bin_s","relative_rate":[...]}|null}}.
 */
public record FittedModels(List<Model> models, Mmpp2Arrivals mmpp, RateProfile diurnal, BatchedArrivals bursty,
                           CalibratedFits.Population population) {
    public record Model(String target, Map<String, String> group, String family, Map<String, Double> params) {
        public GapDistribution distribution() { return Gaps.of(family, params); }
    }

    public static FittedModels read(Path file) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) throw BadInputException.ofFile(file, "no such file (expected the fits.json written by thaw analyze)");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BadInputException.ofFile(file, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw BadInputException.ofFile(file, "expected a JSON object with 'models'");
        List<Model> models = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            String target = m.path("target").asText(null), family = m.path("family").asText(null);
            if (target == null || family == null) continue;
            Map<String, String> group = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = m.path("group").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                group.put(e.getKey(), e.getValue().asText());
            }
            Map<String, Double> params = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = m.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber()) params.put(e.getKey(), e.getValue().asDouble());
            }
            models.add(new Model(target, group, family.toLowerCase(), params));
        }
        Mmpp2Arrivals mmpp = null;
        JsonNode mm = root.path("mmpp");
        if (mm.isObject()) {
            try {
                mmpp = new Mmpp2Arrivals(mm.path("rate0").asDouble(), mm.path("rate1").asDouble(), mm.path("q01").asDouble(), mm.path("q10").asDouble());
            } catch (IllegalArgumentException e) {
                throw BadInputException.ofFile(file, "mmpp: " + e.getMessage());
            }
        }
        RateProfile diurnal = null;
        JsonNode d = root.path("diurnal");
        if (d.isObject() && d.path("relative_rate").isArray() && d.path("relative_rate").size() > 0) {
            double[] rel = new double[d.path("relative_rate").size()];
            for (int i = 0; i < rel.length; i++) rel[i] = d.path("relative_rate").get(i).asDouble();
            diurnal = new RateProfile(d.path("bin_s").asDouble(3600), rel);
        }
        BatchedArrivals bursty = null;
        CalibratedFits.Population population = null;
        try {
            if (root.path("bursty").isObject()) bursty = CalibratedFits.arrivals(root.path("bursty"));
            if (root.path("population").path("functions").size() > 0) population = CalibratedFits.population(root.path("population"));
        } catch (IllegalArgumentException e) {
            throw BadInputException.ofFile(file, "bursty/population: " + e.getMessage());
        }
        return new FittedModels(List.copyOf(models), mmpp, diurnal, bursty, population);
    }

    /** The whole-trace model for {@code target} (empty group preferred, else the first fitted). */
    public Optional<Model> model(String target) {
        return models.stream().filter(m -> m.target.equals(target) && m.group.isEmpty()).findFirst()
                .or(() -> models.stream().filter(m -> m.target.equals(target)).findFirst());
    }

    /**
     * The arrival model the fits describe: the calibrated batch-MMPP ({@code bursty}) when present, else the MMPP when fitted; else a renewal process with the fitted
     * inter-arrival distribution ({@code iat_s}); an exponential fit with a diurnal profile becomes a
     * non-homogeneous Poisson process. Throws when neither exists.
     */
    public ArrivalModel arrivalModel() {
        if (bursty != null) return bursty;
        if (mmpp != null) return mmpp;
        Model iat = model("iat_s").orElseThrow(() -> new IllegalArgumentException("fits.json has neither an 'mmpp' nor an 'iat_s' model to generate arrivals from"));
        GapDistribution g = iat.distribution();
        if (diurnal != null && g instanceof Gaps.Exponential e) return new NonHomogeneousPoissonArrivals(e.rate(), diurnal);
        return new RenewalArrivals(g);
    }
}
