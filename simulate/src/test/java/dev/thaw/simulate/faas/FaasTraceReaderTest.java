package dev.thaw.simulate.faas;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.ingest.BadInputException;
import dev.thaw.simulate.faas.policy.FixedKeepAlive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaasTraceReaderTest {
    static Path repo() { return Path.of(System.getProperty("thaw.repo", "..")); }

    @Test void readsTheBundledAzure2021Excerpt() throws IOException {
        FaasTrace t = new FaasTraceReader().read(repo().resolve("datasets/azure-functions/2021-excerpt/azure2021_200.csv"));
        assertEquals(FaasTraceReader.AZURE_2021, t.format());
        assertEquals(199, t.size());
        assertEquals(31, t.catalog().size());
        assertEquals(13, t.catalog().apps());
        assertEquals(0.0014909000396728517, t.time(0), 1e-12);   // arrival = end - duration
        assertEquals(1200.0147980537415, t.time(t.size() - 1), 1e-9);
        assertEquals(-1, t.observedPods());
        // a longer keep-alive never adds cold starts; every function starts at least once
        FaasResult shortKa = t.replay(new FixedKeepAlive(60), PlatformConfig.defaults(), null);
        FaasResult longKa = t.replay(new FixedKeepAlive(1200), PlatformConfig.defaults(), null);
        assertTrue(longKa.coldStarts() >= 31 && longKa.coldStarts() <= shortKa.coldStarts());
    }

    @Test void readsTheHuaweiPerRequestExcerptWithPodSizesAndPods() throws IOException {
        FaasTrace t = new FaasTraceReader().read(repo().resolve("datasets/huawei-2025/excerpts/region5_per_request_day30_head_tail.csv"));
        assertEquals(FaasTraceReader.HUAWEI_REQUEST, t.format());
        assertEquals(10, t.size());
        assertEquals(4, t.catalog().size());
        assertEquals(6, t.observedPods());
        assertEquals("411---301---pool22-300-128", t.catalog().name(t.function(0)));
        assertEquals(128, t.catalog().memoryMb(0));
        assertEquals(300, t.catalog().cpuMillicores(0));
        assertEquals(2592000.020, t.time(0), 1e-9);
        assertEquals(0.000931, t.duration(0), 1e-12);
    }

    @Test void readsAzure2019CountsDurationsAndMemory() {
        Path dir = repo().resolve("datasets/azure-functions/2019-format-extremes");
        FaasTrace t = new FaasTraceReader().readAzure2019(dir.resolve("invocations.csv"), dir.resolve("durations.csv"), dir.resolve("memory.csv"));
        assertEquals(FaasTraceReader.AZURE_2019, t.format());
        assertEquals(48, t.size());               // 1 + 1 + 46 invocations in the minute columns
        assertEquals(3, t.catalog().size());
        int f46 = -1;
        for (int f = 0; f < 3; f++) if (t.catalog().name(f).startsWith("13a2239a")) f46 = f;  // app/function of the 46-invocation row
        assertTrue(f46 >= 0);
        assertEquals(49, t.catalog().memoryMb(f46));  // ceil(48.33 MB) of its app
        for (int i = 0; i < t.size(); i++) {
            if (t.function(i) == f46) assertEquals(0.043, t.duration(i), 1e-12);  // Average 43 ms
            // every arrival lies inside a minute of the day: spread evenly, never on the minute boundary
            double inMinute = t.time(i) % 60;
            assertTrue(inMinute > 0 && inMinute < 60);
        }
        // the plain path detects the format and uses defaults (1 s executions, default memory)
        FaasTrace plain = new FaasTraceReader().read(dir.resolve("invocations.csv"), null);
        assertEquals(48, plain.size());
        assertEquals(1.0, plain.duration(0));
    }

    @Test void estimatesPerPodConcurrencyFromOverlappingRequests(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("part-00000.csv");
        String header = "time_worker,time_frontend,requestID,clusterName,funcName,podID,userID,totalCost_worker,workerCost,runtimeCost,"
                + "totalCost_frontend,frontendCost,busCost,readBodyCost,writeRspCost,cpu_usage,memory_usage,requestBodySize\n";
        Files.writeString(f, header
                + row(10.0, 1, "pool22-300-128-0000000001", 5.0)
                + row(11.0, 1, "pool22-300-128-0000000001", 5.0)
                + row(12.0, 1, "pool22-300-128-0000000001", 5.0)   // three in flight on one pod
                + row(20.0, 1, "pool22-300-128-0000000001", 1.0)
                + row(10.0, 2, "pool24-600-512-0000000002", 1.0));
        FaasTrace t = new FaasTraceReader().read(dir);
        assertEquals(3, t.catalog().concurrency(0));
        assertEquals(3, t.catalog().concurrency(1));  // the platform's limit applies to every function
        assertEquals(512, t.catalog().memoryMb(1));
        assertEquals(2, t.observedPods());
    }

    private static String row(double t, int func, String pod, double cost) {
        return t + ",," + "abc,1," + func + "," + pod + ",7," + cost + ",0," + cost + ",,,,,,0.1,30,\n";
    }

    @Test void badRowsNameFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, "app,func,end_timestamp,duration\na,b,10,1\na,b,NaN,1\n");
        BadInputException e = assertThrows(BadInputException.class, () -> new FaasTraceReader().read(f));
        assertTrue(e.getMessage().contains("end_timestamp"), e.getMessage());
        Path g = dir.resolve("b.csv");
        Files.writeString(g, "x,y\n1,2\n");
        assertThrows(BadInputException.class, () -> new FaasTraceReader().read(g));
    }
}
