package io.mlmeta.sdk;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mlmeta.proto.v1.CheckMirrorRequest;
import io.mlmeta.proto.v1.CheckMirrorResponse;
import io.mlmeta.proto.v1.FindPathsRequest;
import io.mlmeta.proto.v1.FindPathsResponse;
import io.mlmeta.proto.v1.GetImpactRequest;
import io.mlmeta.proto.v1.GetImpactResponse;
import io.mlmeta.proto.v1.GetLineageRequest;
import io.mlmeta.proto.v1.GetLineageResponse;
import io.mlmeta.proto.v1.GetMirrorStatusRequest;
import io.mlmeta.proto.v1.LineageAdminServiceGrpc.LineageAdminServiceImplBase;
import io.mlmeta.proto.v1.LineageServiceGrpc.LineageServiceImplBase;
import io.mlmeta.proto.v1.MirrorStatus;
import io.mlmeta.proto.v1.RebuildMirrorRequest;
import io.mlmeta.proto.v1.RebuildMirrorResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the lineage services that answers with canned responses: lineage pages keyed by
 * the page token they answer, one impact, one path answer and the mirror answers. Every request is
 * recorded.
 */
class FakeLineageService extends LineageServiceImplBase {

  final Map<String, GetLineageResponse> pagesByToken = new ConcurrentHashMap<>();
  final List<Object> requests = new CopyOnWriteArrayList<>();
  volatile GetImpactResponse impact = GetImpactResponse.getDefaultInstance();
  volatile FindPathsResponse paths = FindPathsResponse.getDefaultInstance();
  volatile MirrorStatus status = MirrorStatus.getDefaultInstance();
  volatile RebuildMirrorResponse rebuild = RebuildMirrorResponse.getDefaultInstance();
  volatile CheckMirrorResponse check = CheckMirrorResponse.getDefaultInstance();

  /** The requests of one message class, in arrival order. */
  <T> List<T> requests(Class<T> kind) {
    return requests.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  @Override
  public void getLineage(GetLineageRequest request, StreamObserver<GetLineageResponse> response) {
    requests.add(request);
    GetLineageResponse page = pagesByToken.get(request.getPageToken());
    if (page == null) {
      response.onError(
          Status.INVALID_ARGUMENT.withDescription("page_token: unknown").asException());
      return;
    }
    response.onNext(page);
    response.onCompleted();
  }

  @Override
  public void getImpact(GetImpactRequest request, StreamObserver<GetImpactResponse> response) {
    requests.add(request);
    response.onNext(impact);
    response.onCompleted();
  }

  @Override
  public void findPaths(FindPathsRequest request, StreamObserver<FindPathsResponse> response) {
    requests.add(request);
    response.onNext(paths);
    response.onCompleted();
  }

  /** The administration service, answering from the same canned responses. */
  LineageAdminServiceImplBase admin() {
    return new LineageAdminServiceImplBase() {
      @Override
      public void getMirrorStatus(
          GetMirrorStatusRequest request, StreamObserver<MirrorStatus> response) {
        requests.add(request);
        response.onNext(status);
        response.onCompleted();
      }

      @Override
      public void rebuildMirror(
          RebuildMirrorRequest request, StreamObserver<RebuildMirrorResponse> response) {
        requests.add(request);
        response.onNext(rebuild);
        response.onCompleted();
      }

      @Override
      public void checkMirror(
          CheckMirrorRequest request, StreamObserver<CheckMirrorResponse> response) {
        requests.add(request);
        response.onNext(check);
        response.onCompleted();
      }
    };
  }
}
