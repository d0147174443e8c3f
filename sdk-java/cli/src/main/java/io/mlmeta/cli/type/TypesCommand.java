package io.mlmeta.cli.type;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.CliException;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.output.Json;
import io.mlmeta.cli.output.OutputFormat;
import io.mlmeta.cli.output.Table;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.model.MetadataType;
import io.mlmeta.sdk.model.TypeKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mlmeta types list|register}. */
@Command(
    name = "types",
    mixinStandardHelpOptions = true,
    description = "Artifact, execution and context types.",
    subcommands = {TypesCommand.ListTypes.class, TypesCommand.Register.class})
public final class TypesCommand {

  private static Map<String, Object> json(MetadataType t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", t.kind());
    m.put("name", t.name());
    m.put("version", t.version());
    m.put("description", t.description());
    m.put("builtin", t.builtin());
    m.put("createTime", t.createTime());
    m.put("propertiesSchema", Json.sorted(t.propertiesSchema()));
    return m;
  }

  /** {@code mlmeta types list [--kind K]}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered types.")
  public static final class ListTypes extends CliCommand {

    @Option(names = "--kind", description = "Only this kind: ${COMPLETION-CANDIDATES}.")
    @Nullable TypeKind kind;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    OutputFormat format;

    @Override
    protected int execute() {
      List<MetadataType> types;
      try (Store store = openStore()) {
        types =
            store.types(kind).stream()
                .sorted(Comparator.comparing(MetadataType::kind).thenComparing(MetadataType::name))
                .toList();
      }
      if (format == OutputFormat.json) {
        out().println(Json.pretty(types.stream().map(TypesCommand::json).toList()));
      } else {
        Table table = new Table("KIND", "NAME", "VERSION", "BUILTIN", "DESCRIPTION");
        types.forEach(
            t -> table.row(t.kind(), t.name(), t.version(), t.builtin(), t.description()));
        out().print(table.render());
      }
      return ExitCode.OK;
    }
  }

  /** {@code mlmeta types register --kind K --name N [--schema FILE]}. */
  @Command(
      name = "register",
      mixinStandardHelpOptions = true,
      description = "Register a type, or evolve it compatibly; prints the stored type as JSON.")
  public static final class Register extends CliCommand {

    @Option(names = "--kind", required = true, description = "${COMPLETION-CANDIDATES}.")
    TypeKind kind;

    @Option(names = "--name", required = true, description = "Type name.")
    String name;

    @Option(names = "--description", description = "Description.")
    @Nullable String description;

    @Option(
        names = "--schema",
        paramLabel = "FILE",
        description = "JSON Schema of the properties (default: free-form).")
    @Nullable Path schema;

    @Override
    protected int execute() throws Exception {
      Map<String, Object> properties = schema == null ? Map.of() : readSchema(schema);
      MetadataType type;
      try (Store store = openStore()) {
        type = store.registerType(kind, name, description, properties);
      }
      out().println(Json.pretty(json(type)));
      return ExitCode.OK;
    }

    private static Map<String, Object> readSchema(Path file) throws java.io.IOException {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      try {
        return new ObjectMapper().readValue(text, new TypeReference<Map<String, Object>>() {});
      } catch (JsonProcessingException e) {
        throw new CliException(
            ExitCode.INVALID, "schema file " + file + " is not a JSON object: " + e.getMessage());
      }
    }
  }
}
