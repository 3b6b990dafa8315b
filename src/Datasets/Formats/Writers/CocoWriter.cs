using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.Contracts;

namespace Platform.Datasets.Formats.Writers;

/// <summary>Detection writes boxes (instances); classification one category per image and no bbox (Datumaro's coco_labels).</summary>
internal enum CocoTask { Instances, Labels }

/// <summary>
/// Writes annotations/{task}_{split}.json and images/{split}/{name} per split (annotations/{task}.json and
/// images/{name} when no item has a split), task being instances or labels. Ids: categories 1..N in class order,
/// images and annotations 1.. per file. An unlabeled image is listed without an annotation.
/// </summary>
internal static class CocoWriter
{
    private const int FlushBytes = 64 * 1024;

    public static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(ExportContext export, CocoTask task, CancellationToken ct)
    {
        var classes = new ClassList(export.Dataset);
        var items = export.Dataset.Items.Where(i => i.Sha256 is not null).ToList();
        var splits = ExportPaths.HasSplits(items);
        await using var zip = await ZipOutput.CreateAsync(export.Output, ct);
        foreach (var (split, group) in splits ? ExportPaths.BySplit(items) : [(DatasetSplit.None, items)])
        {
            var folder = splits ? $"images/{ExportPaths.SplitFolder(split)}" : "images";
            var names = new NameAllocator(byStem: false);
            var files = group.Select(i => (Item: i, Name: names.Allocate(folder, ExportPaths.NameOf(i.Path)))).ToList();
            var prefix = task == CocoTask.Labels ? "labels" : "instances";
            var annotations = splits ? $"annotations/{prefix}_{ExportPaths.SplitFolder(split)}.json" : $"annotations/{prefix}.json";
            await zip.AddTextAsync(annotations, (stream, token) => WriteJsonAsync(stream, files, classes, task, export.OpenBlob, token), ct);

            foreach (var (item, name) in files)
            {
                await zip.AddBlobAsync($"{folder}/{name}", item.Sha256!, export.OpenBlob, ct);
                export.Progress.Add();
            }
        }
    }

    private static async Task WriteJsonAsync(Stream stream, List<(ExportItem Item, string Name)> files, ClassList classes,
        CocoTask task, OpenBlob openBlob, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        json.WriteStartArray("images");
        for (var i = 0; i < files.Count; i++)
        {
            var (width, height) = await ImageSizes.OfAsync(files[i].Item, openBlob, ct);
            json.WriteStartObject();
            json.WriteNumber("id", i + 1);
            json.WriteString("file_name", files[i].Name);
            json.WriteNumber("width", width);
            json.WriteNumber("height", height);
            json.WriteEndObject();
            await FlushIfFullAsync(json, ct);
        }

        json.WriteEndArray();
        json.WriteStartArray("annotations");
        var annotationId = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var item = files[i].Item;
            if (task == CocoTask.Labels && !string.IsNullOrEmpty(item.Label))
            {
                WriteLabel(json, ++annotationId, i + 1, classes.IndexOf(item.Label) + 1);
            }

            foreach (var box in task == CocoTask.Instances ? item.Boxes : [])
            {
                WriteAnnotation(json, ++annotationId, i + 1, classes.IndexOf(box.Label) + 1, box);
            }

            await FlushIfFullAsync(json, ct);
        }

        json.WriteEndArray();
        json.WriteStartArray("categories");
        for (var c = 0; c < classes.Names.Count; c++)
        {
            json.WriteStartObject();
            json.WriteNumber("id", c + 1);
            json.WriteString("name", classes.Names[c]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private static void WriteLabel(Utf8JsonWriter json, int id, int imageId, int categoryId)
    {
        json.WriteStartObject();
        json.WriteNumber("id", id);
        json.WriteNumber("image_id", imageId);
        json.WriteNumber("category_id", categoryId);
        json.WriteEndObject();
    }

    private static void WriteAnnotation(Utf8JsonWriter json, int id, int imageId, int categoryId, ParsedBox box)
    {
        json.WriteStartObject();
        json.WriteNumber("id", id);
        json.WriteNumber("image_id", imageId);
        json.WriteNumber("category_id", categoryId);
        json.WriteStartArray("bbox");
        json.WriteNumberValue(box.X);
        json.WriteNumberValue(box.Y);
        json.WriteNumberValue(box.Width);
        json.WriteNumberValue(box.Height);
        json.WriteEndArray();
        json.WriteNumber("area", box.Width * box.Height);
        json.WriteNumber("iscrowd", 0);
        json.WriteEndObject();
    }

    private static async ValueTask FlushIfFullAsync(Utf8JsonWriter json, CancellationToken ct)
    {
        if (json.BytesPending >= FlushBytes)
        {
            await json.FlushAsync(ct);
        }
    }
}
