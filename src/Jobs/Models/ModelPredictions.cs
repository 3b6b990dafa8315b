using Platform.Jobs.Datasets;
using Platform.Ml;
using Platform.Storage.Blobs;
using Platform.Storage.Entities;
using Platform.Storage.Objects;
using Platform.Storage.Registry;

namespace Platform.Jobs.Models;

/// <summary>A registered version loaded from its verified package, predicting a dataset's items: images, texts or table rows.</summary>
public static class ModelPredictions
{
    public static async Task<Predictor> LoadAsync(IObjectStore store, ModelVersion model, CancellationToken ct)
    {
        await using var package = await ModelPackages.ReadVerifiedAsync(store, model.PackageKey, model.PackageSha256, ct);
        return Predictor.Load(package);
    }

    /// <summary><paramref name="rows"/>: a table's items as column → cell, read once for the prediction and the label.</summary>
    public static async Task<IReadOnlyList<Prediction>> PredictAsync(Predictor predictor, BlobStore blobs, Guid workspaceId, IReadOnlyList<NewItem> items,
        List<IReadOnlyDictionary<string, string?>>? rows, CancellationToken ct)
    {
        switch (predictor.Manifest.Input.Kind)
        {
            case "image":
                var images = new List<byte[]>(items.Count);
                foreach (var item in items)
                {
                    await using var stream = await blobs.OpenAsync(workspaceId, item.Sha256!, ct);
                    using var buffer = new MemoryStream();
                    await stream.CopyToAsync(buffer, ct);
                    images.Add(buffer.ToArray());
                }
                return predictor.PredictImages(images);
            case "text":
                return predictor.PredictTexts([.. items.Select(i => i.Text ?? "")]);
            default:
                return predictor.PredictRows(rows ?? throw new InvalidOperationException("A table model predicts table rows."));
        }
    }
}
