package io.mlmeta.server.service.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode schema(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
  }

  private static final String BASE =
      "{'type':'object','properties':{'uri':{'type':'string','description':'where'},"
          + "'rows':{'type':'integer'}},'required':['uri']}";

  @Test
  void addingAnOptionalPropertyIsCompatible() throws Exception {
    String added =
        "{'type':'object','properties':{'uri':{'type':'string'},'rows':{'type':'integer'},"
            + "'cols':{'type':'integer'}},'required':['uri']}";
    assertThat(SchemaCompatibility.problems(schema(BASE), schema(added))).isEmpty();
  }

  @Test
  void relaxingRequiredAndEditingDescriptionsIsCompatible() throws Exception {
    String relaxed =
        "{'type':'object','properties':{'uri':{'type':'string','description':'new words'},"
            + "'rows':{'type':'integer'}}}";
    assertThat(SchemaCompatibility.problems(schema(BASE), schema(relaxed))).isEmpty();
  }

  @Test
  void removingChangingOrRequiringPropertiesIsNot() throws Exception {
    String broken =
        "{'type':'object','properties':{'uri':{'type':'integer'},'cols':{'type':'integer'}},"
            + "'required':['uri','cols'],'additionalProperties':false}";
    assertThat(SchemaCompatibility.problems(schema(BASE), schema(broken)))
        .containsExactlyInAnyOrder(
            "property 'uri' changed its definition",
            "property 'rows' was removed",
            "property 'cols' became required",
            "additionalProperties may not be narrowed");
  }
}
