using Platform.Ml;

namespace Platform.Serving;

/// <summary>The instances of one request, all of the kind the model takes: encoded images, texts or table rows.</summary>
public sealed record ModelInputs(IReadOnlyList<byte[]>? Images = null, IReadOnlyList<string>? Texts = null,
    IReadOnlyList<IReadOnlyDictionary<string, string?>>? Rows = null)
{
    public int Count => Images?.Count ?? Texts?.Count ?? Rows?.Count ?? 0;

    /// <summary>Several requests' instances in one batch, in order.</summary>
    public static ModelInputs Concat(IReadOnlyList<ModelInputs> parts) =>
        parts.Count == 1 ? parts[0] : new(
            parts[0].Images is null ? null : [.. parts.SelectMany(p => p.Images!)],
            parts[0].Texts is null ? null : [.. parts.SelectMany(p => p.Texts!)],
            parts[0].Rows is null ? null : [.. parts.SelectMany(p => p.Rows!)]);

    public IReadOnlyList<Prediction> PredictWith(Predictor predictor) =>
        Images is not null ? predictor.PredictImages(Images)
        : Texts is not null ? predictor.PredictTexts(Texts)
        : predictor.PredictRows(Rows!);
}
