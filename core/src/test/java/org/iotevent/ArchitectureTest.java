package org.iotevent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/ARCHITECTURE.md as a test: packages follow the pipeline, each uses only
 * those above it in the table, and only {@code cli} prints, exits or knows picocli. Fails naming
 * the class and the offending dependency.
 */
class ArchitectureTest {
    /** The packages in the table's order: each may use only those before it. */
    static final List<String> LAYERS = List.of("io", "capture", "campaign", "decode", "traffic", "signature", "detect",
            "evaluate", "report", "sim", "cli");

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.iotevent");

    static String pkg(String layer) {
        return "org.iotevent." + layer + "..";
    }

    @Test
    void everyPackageIsInTheTable() {
        noClasses().should().resideOutsideOfPackages(LAYERS.stream().map(ArchitectureTest::pkg).toArray(String[]::new))
                .because("docs/ARCHITECTURE.md's table lists every package; a new one goes into it at its place")
                .check(MAIN);
    }

    @Test
    void noPackageUsesOneBelowIt() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] below = LAYERS.subList(i + 1, LAYERS.size()).stream().map(ArchitectureTest::pkg).toArray(String[]::new);
            noClasses().that().resideInAPackage(pkg(LAYERS.get(i))).should().dependOnClassesThat()
                    .resideInAnyPackage(below)
                    .because(LAYERS.get(i) + " lies above " + String.join(", ", LAYERS.subList(i + 1, LAYERS.size()))
                            + " in docs/ARCHITECTURE.md's table")
                    .check(MAIN);
        }
    }

    @Test
    void onlyCliKnowsPicocli() {
        noClasses().that().resideOutsideOfPackage(pkg("cli")).should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("only cli parses the command line").check(MAIN);
    }

    @Test
    void onlyCliPrintsOrExits() {
        noClasses().that().resideOutsideOfPackage(pkg("cli")).should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .because("only cli prints and exits; the other packages return results and throw")
                .check(MAIN);
    }

    /** The rules above would pass on nothing: make sure the classes were found. */
    @Test
    void theClassesAreThere() {
        org.assertj.core.api.Assertions.assertThat(MAIN.containPackage("org.iotevent.detect")).isTrue();
        org.assertj.core.api.Assertions.assertThat(MAIN.stream().filter(c -> c.getPackageName().startsWith("org.iotevent."))
                .count()).isGreaterThan(200);
    }
}
