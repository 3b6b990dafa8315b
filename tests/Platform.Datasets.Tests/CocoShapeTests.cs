using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

/// <summary>A file that means to be COCO but has values of the wrong type is reported as COCO, not taken for another layout.</summary>
public sealed class CocoShapeTests
{
    private const string Categories = """[{"id": 1, "name": "cat"}]""";

    [Theory]
    [InlineData("""{"images": "x", "annotations": [], "categories": [{"id": 1, "name": "cat"}]}""", "\"images\" should be a list, not a string (\"x\")")]
    [InlineData("""{"images": [], "annotations": {}, "categories": []}""", "\"annotations\" should be a list, not an object")]
    [InlineData("""{"images": [], "annotations": [], "categories": 3}""", "\"categories\" should be a list, not a number (3)")]
    [InlineData("""{"images": [], "annotations": []}""", "it has no \"categories\" list")]
    public async Task AFileWithListsOfTheWrongTypeIsRefusedAsCoco(string json, string reason)
    {
        // Images in class folders: without the COCO file this upload would be read as image folders.
        var upload = new FakeUpload().Text("annotations/instances.json", json).Images("cats/a.jpg", "dogs/b.jpg");

        (await upload.RefusalAsync()).ShouldBe(
            $"No COCO annotation file could be read: annotations/instances.json is not a valid COCO file: {reason}.");
    }

    [Fact]
    public async Task ABadFileBesideAGoodOneIsReportedAndTheGoodOneRead()
    {
        var dataset = await new FakeUpload()
            .Text("instances_train.json", $$"""{"images": [{"id": 1, "file_name": "a.jpg"}], "annotations": [], "categories": {{Categories}}}""")
            .Text("instances_val.json", """{"images": "x", "annotations": [], "categories": []}""")
            .Images("a.jpg")
            .ReadAsync();

        dataset.Items.ShouldHaveSingleItem().Path.ShouldBe("a.jpg");
        dataset.Problems.ShouldBe([new("instances_val.json", "not a valid COCO file: \"images\" should be a list, not a string (\"x\")")]);
    }

    [Theory]
    [InlineData("\"10, 10, 5, 5\"", "bbox is a string (\"10, 10, 5, 5\"), not four numbers [x, y, width, height]")]
    [InlineData("{\"x\": 1}", "bbox is an object, not four numbers [x, y, width, height]")]
    public async Task ABoxOfTheWrongTypeIsReportedForItsImage(string bbox, string message)
    {
        var json = $$"""{"images": [{"id": 1, "file_name": "a.jpg"}], "annotations": [{"id": 5, "image_id": 1, "category_id": 1, "bbox": {{bbox}}}], "categories": {{Categories}}}""";

        var dataset = await new FakeUpload().Text("instances.json", json).Images("a.jpg").ReadAsync();

        dataset.Problems.ShouldBe([new("a.jpg", message)]);
        dataset.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task EntriesThatAreNotObjectsAreReported()
    {
        var json = $$"""{"images": [{"id": 1, "file_name": "a.jpg"}, 7, "b.jpg"], "annotations": [null], "categories": {{Categories}}}""";

        var dataset = await new FakeUpload().Text("instances.json", json).Images("a.jpg").ReadAsync();

        dataset.Items.ShouldHaveSingleItem();
        dataset.Problems.ShouldBe([
            new("instances.json", "images: 2 entries are not objects (the first is a number (7))"),
            new("instances.json", "annotations: 1 entry is not an object (the first is null)"),
        ]);
    }
}
