using Platform.Ml;

namespace Platform.Serving;

/// <summary>A model version loaded for one endpoint, with its batcher.</summary>
public sealed record ServedModel(Guid EndpointId, Guid WorkspaceId, string EndpointName, string ModelName, Guid VersionId, int Version,
    ModelManifest Manifest, DynamicBatcher Batcher);
