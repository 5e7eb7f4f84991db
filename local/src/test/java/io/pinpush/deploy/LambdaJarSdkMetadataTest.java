package io.pinpush.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * In the shaded Lambda jar the AWS SDK finds a client's service and region metadata through Pinpush's lazy
 * providers (README, Benchmarks (4)): asking for DynamoDB's metadata in us-east-1 loads those two metadata classes,
 * not the ~370 of every AWS service and region that the SDK's own providers create.
 *
 * <p>The jar is loaded alone (its own class loader over the platform one), as Lambda loads it; the loader records
 * every class it defines.
 */
class LambdaJarSdkMetadataTest {

    private static final Path LAMBDA_JAR = Path.of("../functions/target/pinpush-functions-0.1.0-SNAPSHOT-lambda.jar");

    @Test
    void aClientsMetadataLoadsOnlyItsOwnServiceAndRegion() throws Exception {
        assertThat(LAMBDA_JAR).exists();
        try (RecordingLoader jar = new RecordingLoader(LAMBDA_JAR.toUri().toURL())) {
            Class<?> serviceMetadata = jar.loadClass("software.amazon.awssdk.regions.ServiceMetadata");
            Class<?> region = jar.loadClass("software.amazon.awssdk.regions.Region");
            Object usEast1 = region.getMethod("of", String.class).invoke(null, "us-east-1");

            Object dynamoDb = serviceMetadata.getMethod("of", String.class).invoke(null, "dynamodb");
            Object signingRegion = serviceMetadata.getMethod("signingRegion", region).invoke(dynamoDb, usEast1);
            Object regionMetadata = region.getMethod("metadata").invoke(usEast1);

            assertThat(signingRegion).isSameAs(usEast1);
            assertThat(regionMetadata.getClass().getName()).isEqualTo("software.amazon.awssdk.regions.regionmetadata.UsEast1");
            assertThat(jar.defined("software.amazon.awssdk.regions.servicemetadata."))
                    .containsExactly("software.amazon.awssdk.regions.servicemetadata.DynamodbServiceMetadata");
            assertThat(jar.defined("software.amazon.awssdk.regions.regionmetadata."))
                    .containsExactly("software.amazon.awssdk.regions.regionmetadata.UsEast1");
        }
    }

    /** Loads the jar's classes itself (the platform loader has none of them) and notes each one it defines. */
    private static final class RecordingLoader extends URLClassLoader {
        private final List<String> definedClasses = new CopyOnWriteArrayList<>();

        RecordingLoader(URL jar) {
            super(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> found = super.findClass(name);
            definedClasses.add(name);
            return found;
        }

        List<String> defined(String packagePrefix) {
            return definedClasses.stream().filter(name -> name.startsWith(packagePrefix)).toList();
        }
    }
}
