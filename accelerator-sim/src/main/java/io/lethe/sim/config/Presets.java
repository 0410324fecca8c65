package io.lethe.sim.config;

import io.lethe.sim.SimConfigException;
import io.lethe.sim.cost.CostTable;
import io.lethe.sim.device.DeviceConfig;
import io.lethe.sim.device.MappingScheme;
import io.lethe.sim.digital.DigitalConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Loads named presets from {@code presets/<name>.properties} on the classpath. */
public final class Presets {

    /** The preset modelled on the paper's 180 nm prototype. */
    public static final String PAPER_180NM = "paper-180nm";

    private Presets() {
    }

    /** The paper preset. */
    public static SimConfig paper180nm() {
        return load(PAPER_180NM);
    }

    /** Loads a preset by name; an unknown name fails with a {@link SimConfigException} on field {@code preset}. */
    public static SimConfig load(String name) {
        if (name == null || !name.matches("[a-z0-9-]+")) {
            throw new SimConfigException("preset", "unknown preset '" + name + "'");
        }
        String resource = "presets/" + name + ".properties";
        Properties p = read(resource, name);
        return new SimConfig(name, device(p), digital(p), CostTable.from(resource, p));
    }

    private static Properties read(String resource, String name) {
        try (InputStream in = Presets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new SimConfigException("preset", "unknown preset '" + name + "' (no " + resource + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static DeviceConfig device(Properties p) {
        return new DeviceConfig(
                integer(p, "device.tileRows"), integer(p, "device.tileCols"),
                number(p, "device.gMin"), number(p, "device.gMax"), number(p, "device.gZero"),
                mapping(p), number(p, "device.initialConductance"),
                number(p, "device.coarsePulseStep"), number(p, "device.finePulseStep"),
                number(p, "device.fineThreshold"),
                number(p, "device.deviceToDeviceSigma"), number(p, "device.cycleToCycleSigma"),
                number(p, "device.readNoiseSigma"), number(p, "device.tolerance"),
                integer(p, "device.maxIterations"),
                integer(p, "device.dacBits"), integer(p, "device.adcBits"),
                number(p, "device.adcFullScaleFraction"),
                number(p, "device.driftNu"), number(p, "device.driftSeconds"));
    }

    private static DigitalConfig digital(Properties p) {
        return new DigitalConfig(Long.parseLong(required(p, "digital.sramCapacityBytes")),
                integer(p, "digital.weightBits"));
    }

    private static MappingScheme mapping(Properties p) {
        String raw = required(p, "device.mapping");
        try {
            return MappingScheme.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw new SimConfigException("mapping", "unknown mapping scheme '" + raw + "'");
        }
    }

    private static int integer(Properties p, String key) {
        try {
            return Integer.parseInt(required(p, key));
        } catch (NumberFormatException e) {
            throw new SimConfigException(key.substring(key.indexOf('.') + 1), "is not an integer");
        }
    }

    private static double number(Properties p, String key) {
        try {
            return Double.parseDouble(required(p, key));
        } catch (NumberFormatException e) {
            throw new SimConfigException(key.substring(key.indexOf('.') + 1), "is not a number");
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new SimConfigException(key.substring(key.indexOf('.') + 1), "is missing from the preset");
        }
        return v.trim();
    }
}
