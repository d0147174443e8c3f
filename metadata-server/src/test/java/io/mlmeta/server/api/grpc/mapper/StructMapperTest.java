package io.mlmeta.server.api.grpc.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StructMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void roundTripsNestedJsonKeepingIntegersIntegral() throws Exception {
    ObjectNode original =
        (ObjectNode)
            JSON.readTree(
                "{\"lr\":0.5,\"layers\":[10,3,1],\"early_stop\":true,\"none\":null,"
                    + "\"fw\":{\"name\":\"tensorflow\"},\"big\":9007199254740992,\"neg\":-2}");
    ObjectNode back = StructMapper.toJson(StructMapper.toStruct(original));
    assertThat(back).isEqualTo(original);
    assertThat(back.get("layers").get(0).isIntegralNumber()).isTrue();
    assertThat(back.get("lr").isDouble()).isTrue();
  }
}
