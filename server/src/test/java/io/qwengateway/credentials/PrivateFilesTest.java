package io.qwengateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PrivateFilesTest {

    @TempDir
    Path home;

    @Test
    void aFileOnlyItsOwnerCanReadIsNotExposed() throws Exception {
        Path file = privateFile("oauth_creds.json");

        assertThat(PrivateFiles.exposure(file)).isEmpty();
        assertThat(PrivateFiles.exposure(home.resolve("absent.json"))).isEmpty();
    }

    @Test
    void aFileOthersCanReadOrWriteIsExposedWithItsModeAndTheFix() throws Exception {
        Path file = privateFile("oauth_creds.json");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(PrivateFiles.exposure(file)).hasValue(file + " can be read or changed by other users (mode 0644); "
                + "it holds Qwen credentials: chmod 600 " + file);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w----"));
        assertThat(PrivateFiles.exposure(file)).get().asString().contains("(mode 0620)");
    }

    @Test
    void aDirectoryOthersMayOnlySearchIsNotExposedButOneTheyMayListIs() throws Exception {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx--x--x"));
        assertThat(PrivateFiles.exposure(home)).isEmpty();

        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(PrivateFiles.exposure(home)).get().asString()
                .contains(home + " can be listed or changed by other users (mode 0755)").endsWith("chmod 700 " + home);
    }

    @Test
    void anExposedFileIsLoggedOnceAndAgainOnlyWhenItsModeChanges(CapturedOutput output) throws Exception {
        Path file = privateFile("oauth_creds.json");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateFiles.warnIfExposed(file);
        PrivateFiles.warnIfExposed(file);
        PrivateFiles.warnIfExposed(file);
        assertThat(output.getOut().lines().filter(line -> line.contains("(mode 0644)"))).hasSize(1);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        PrivateFiles.warnIfExposed(file);
        PrivateFiles.warnIfExposed(file);
        assertThat(output.getOut().lines().filter(line -> line.contains("(mode 0666)"))).hasSize(1);
    }

    @Test
    void createDirectoriesMakesEachMissingOnePrivateAndLeavesExistingOnesAsTheyAre() throws Exception {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path nested = home.resolve("a/b");

        PrivateFiles.createDirectories(nested);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwxr-xr-x");
    }

    private Path privateFile(String name) throws Exception {
        Path file = home.resolve(name);
        PrivateFiles.createFile(file);
        return file;
    }
}
