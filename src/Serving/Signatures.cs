using Platform.Ml;

namespace Platform.Serving;

/// <summary>What a loaded model takes and answers, as endpoints describe it.</summary>
public static class Signatures
{
    public static EndpointSignatureDto Of(ModelManifest manifest) => new(
        manifest.Input.Kind, manifest.Task, manifest.ClassNames,
        manifest.Input.Columns?.Select(c => new EndpointColumnDto(c.Name, c.Numeric, c.Categories)).ToList(),
        manifest.Input.ImageSize, manifest.Input.MaxTokens);
}
