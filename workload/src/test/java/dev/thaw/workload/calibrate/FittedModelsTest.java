package dev.thaw.workload.calibrate;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.ingest.BadInputException;
import dev.thaw.workload.arrival.Arrivals;
import dev.thaw.workload.arrival.Mmpp2Arrivals;
import dev.thaw.workload.arrival.NonHomogeneousPoissonArrivals;
import dev.thaw.workload.arrival.RenewalArrivals;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fits.json (the analysis module's output) is read tolerantly and turned into the right arrival model. */
class FittedModelsTest {
    static Path write(Path dir, String json) throws Exception {
        Path f = dir.resolve("fits.json");
        Files.writeString(f, json);
        return f;
    }

    @Test void mmppWinsOverTheIatFitAndReproducesItsRate(@TempDir Path tmp) throws Exception {
        FittedModels m = FittedModels.read(write(tmp, """
                {"models":[{"target":"iat_s","group":{},"family":"weibull","params":{"shape":0.418,"scale":0.422},"aic":1,"extra":"ignored"},
                           {"target":"iat_s","group":{"region":"R2"},"family":"lognormal","params":{"mu":0.1,"sigma":2}}],
                 "mmpp":{"rate0":0.5,"rate1":10,"q01":0.01,"q10":0.05},"diurnal":null,"unknown_key":[1,2]}"""));
        assertEquals(2, m.models().size());
        assertEquals("weibull", m.model("iat_s").orElseThrow().family(), "whole-trace model preferred over a group's");
        Mmpp2Arrivals mm = assertInstanceOf(Mmpp2Arrivals.class, m.arrivalModel());
        double[] t = Arrivals.until(mm, 1, 50_000);
        assertEquals(mm.meanRatePerS(), t.length / 50_000.0, 0.05 * mm.meanRatePerS());
    }

    @Test void iatFitBecomesARenewalProcessOrADiurnalPoissonProcess(@TempDir Path tmp) throws Exception {
        FittedModels w = FittedModels.read(write(tmp, """
                {"models":[{"target":"iat_s","group":{},"family":"weibull","params":{"shape":0.418,"scale":0.422}}],"mmpp":null}"""));
        RenewalArrivals r = assertInstanceOf(RenewalArrivals.class, w.arrivalModel());
        assertEquals(1.25, r.gaps().mean(), 0.05, "published Weibull cold-start IAT mean 1.25 s");
        assertEquals(3.66 / 1.25, r.gaps().cv(), 0.1, "published sd 3.66 s");
        double[] rel = new double[24];
        for (int h = 0; h < 24; h++) rel[h] = h < 12 ? 1 : 3;
        StringBuilder arr = new StringBuilder();
        for (double v : rel) arr.append(arr.length() == 0 ? "" : ",").append(v);
        FittedModels e = FittedModels.read(write(tmp, "{\"models\":[{\"target\":\"iat_s\",\"group\":{},\"family\":\"exponential\",\"params\":{\"rate\":2}}],"
                + "\"diurnal\":{\"bin_s\":3600,\"relative_rate\":[" + arr + "]}}"));
        NonHomogeneousPoissonArrivals n = assertInstanceOf(NonHomogeneousPoissonArrivals.class, e.arrivalModel());
        assertEquals(2, n.meanRatePerS());
        assertEquals(1.5, n.profile().at(13 * 3600), 1e-12, "normalised to mean 1: 3 / 2");
    }

    @Test void badFilesAreBadInput(@TempDir Path tmp) throws Exception {
        assertThrows(BadInputException.class, () -> FittedModels.read(write(tmp, "{not json")));
        assertThrows(BadInputException.class, () -> FittedModels.read(tmp.resolve("missing.json")));
        FittedModels empty = FittedModels.read(write(tmp, "{\"models\":[]}"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, empty::arrivalModel);
        assertTrue(ex.getMessage().contains("iat_s"));
    }

    @Test void calibrationReportComparesDiurnalProfiles() {
        var day = dev.thaw.workload.arrival.RateProfile.sinusoidalDay(5, 15);
        double[] src = Arrivals.until(new NonHomogeneousPoissonArrivals(0.2, day), 1, 7 * 86400);
        double[] same = Arrivals.until(new NonHomogeneousPoissonArrivals(0.2, day), 2, 7 * 86400);
        double[] flat = Arrivals.until(new dev.thaw.workload.arrival.PoissonArrivals(0.2), 3, 7 * 86400);
        CalibrationReport good = CalibrationReport.compare("nhpp", src, same, new double[] {60}, SimpleBurstinessStats.INSTANCE);
        CalibrationReport bad = CalibrationReport.compare("poisson", src, flat, new double[] {60}, SimpleBurstinessStats.INSTANCE);
        assertEquals(day.relative()[15], good.row("diurnal_h15").source(), 0.05 * day.relative()[15]);
        for (int h = 0; h < 24; h++) assertTrue(good.row(String.format("diurnal_h%02d", h)).relativeError() < 0.1, "hour " + h);
        assertTrue(bad.row("diurnal_h15").relativeError() > 0.3, "a flat Poisson model misses the afternoon peak");
    }
}
