package dev.thaw.analysis.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitsTest {
    @TempDir Path dir;

    @Test void roundTripsThroughTheAgreedJsonShape() throws Exception {
        FittedModel m = Fitter.fit(new double[] {0.5, 1, 2, 4, 8}, Family.LOGNORMAL);
        double[] rel = new double[24];
        java.util.Arrays.fill(rel, 1.0);
        Fits fits = new Fits(List.of(Fits.Model.of("coldstart_total_s", Map.of("region", "R2"), m)),
                Fits.Mmpp.of(new Mmpp2(1, 8, 0.01, 0.02)), new Fits.Diurnal(3600, rel));
        Path file = dir.resolve("out/fits.json");
        fits.write(file);
        JsonNode tree = new ObjectMapper().readTree(Files.readString(file));
        JsonNode model = tree.get("models").get(0);
        assertEquals("coldstart_total_s", model.get("target").asText());
        assertEquals("R2", model.get("group").get("region").asText());
        assertEquals("lognormal", model.get("family").asText());
        assertEquals(m.param("mu"), model.get("params").get("mu").asDouble(), 0);
        for (String k : new String[] {"loglik", "aic", "bic", "ks", "ks_p", "wasserstein"}) assertEquals(true, model.has(k), k);
        assertEquals(8.0, tree.get("mmpp").get("rate1").asDouble());
        assertEquals(3600, tree.get("diurnal").get("bin_s").asInt());
        assertEquals(24, tree.get("diurnal").get("relative_rate").size());

        Fits back = Fits.read(file);
        assertEquals(fits.models(), back.models());
        assertEquals(fits.mmpp(), back.mmpp());
        assertArrayEquals(rel, back.diurnal().relativeRate());
        assertEquals(Family.LOGNORMAL, back.best("coldstart_total_s", Map.of("region", "R2")).orElseThrow().familyEnum());
        assertEquals(true, back.best("coldstart_total_s", Map.of()).isEmpty());
    }

    @Test void nullProcessesAndEmptyGroupsAreAllowed() {
        Fits back = Fits.fromJson("{\"models\":[{\"target\":\"iat_s\",\"group\":{},\"family\":\"exponential\",\"params\":{\"rate\":2},"
                + "\"loglik\":1,\"aic\":0,\"bic\":0,\"ks\":0.1,\"ks_p\":0.5,\"wasserstein\":0.2,\"extra\":1}],\"mmpp\":null,\"diurnal\":null}");
        assertNull(back.mmpp());
        assertNull(back.diurnal());
        assertEquals(0.5, back.models().get(0).ksP());
        assertEquals(2.0, back.models().get(0).params().get("rate"));
        assertThrows(IllegalArgumentException.class, () -> Fits.fromJson("[1,2]"));
    }
}
