using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

public sealed class CocoReaderTests
{
    private const string Categories = """[{"id": 3, "name": "dog"}, {"id": 1, "name": "cat"}]""";

    private static string Coco(string images, string annotations, string categories = Categories) =>
        $$"""{"info": {}, "images": [{{images}}], "annotations": [{{annotations}}], "categories": {{categories}}}""";

    private static string Image(int id, string file, int width = 640, int height = 480) =>
        $$"""{"id": {{id}}, "file_name": "{{file}}", "width": {{width}}, "height": {{height}}}""";

    private static string Box(int image, int category, string bbox) =>
        $$"""{"id": 9, "image_id": {{image}}, "category_id": {{category}}, "bbox": {{bbox}}}""";

    [Fact]
    public async Task TheExportedLayoutReadsBack()
    {
        var upload = new FakeUpload()
            .Text("annotations/instances_train.json", Coco(Image(1, "a.jpg") + "," + Image(2, "b.jpg"), Box(1, 3, "[10, 20, 30.5, 40]") + "," + Box(1, 1, "[0, 0, 640, 480]")))
            .Text("annotations/instances_validation.json", Coco(Image(7, "c.jpg", 100, 50), ""))
            .Images("images/train/a.jpg", "images/train/b.jpg", "images/validation/c.jpg");

        var dataset = await upload.ReadAsync();

        dataset.Kind.ShouldBe(DatasetKind.ObjectDetection);
        dataset.Format.ShouldBe(DatasetFormat.Coco);
        dataset.Classes.ShouldBe(["cat", "dog"]);
        dataset.Problems.ShouldBeEmpty();
        var a = dataset.Items.Single(i => i.Path == "images/train/a.jpg");
        a.Image!.Path.ShouldBe(a.Path);
        (a.Split, a.Width, a.Height).ShouldBe((DatasetSplit.Train, 640, 480));
        a.Boxes.ShouldBe([new ParsedBox("dog", 10, 20, 30.5, 40), new ParsedBox("cat", 0, 0, 640, 480)]);
        dataset.Items.Single(i => i.Path == "images/train/b.jpg").Boxes.ShouldBeEmpty();
        var c = dataset.Items.Single(i => i.Path == "images/validation/c.jpg");
        (c.Split, c.Width, c.Height, c.Image!.Path).ShouldBe((DatasetSplit.Validation, 100, 50, "images/validation/c.jpg"));
        upload.Opened.ShouldAllBe(p => p.EndsWith(".json"));
    }

    [Fact]
    public async Task AFileWithoutASplitHintIsUnsplit()
    {
        var dataset = await new FakeUpload()
            .Text("annotations/instances.json", Coco(Image(1, "a.jpg"), Box(1, 1, "[1, 1, 2, 2]")))
            .Images("images/a.jpg")
            .ReadAsync();

        dataset.Items.ShouldHaveSingleItem().Split.ShouldBe(DatasetSplit.None);
    }

    [Fact]
    public async Task ImagesAreFoundWhereCommonToolsPutThem()
    {
        var dataset = await new FakeUpload()
            .Text("coco/annotations/instances_val2017.json", Coco(Image(1, "a.jpg") + "," + Image(2, "b.jpg") + "," + Image(3, "c.jpg"), ""))
            .Images("coco/val2017/a.jpg", "coco/annotations/b.jpg", "coco/elsewhere/deep/c.jpg")
            .ReadAsync();

        dataset.Problems.ShouldBeEmpty();
        dataset.Items.Select(i => i.Image!.Path).ShouldBe(["coco/val2017/a.jpg", "coco/annotations/b.jpg", "coco/elsewhere/deep/c.jpg"]);
        dataset.Items.ShouldAllBe(i => i.Split == DatasetSplit.Validation);
    }

    [Fact]
    public async Task AMissingImageFileIsReported()
    {
        var dataset = await new FakeUpload().Text("instances.json", Coco(Image(1, "gone.jpg"), "")).ReadAsync();

        dataset.Items.ShouldBeEmpty();
        dataset.Problems.ShouldBe([new ImportProblem("gone.jpg", "missing image file")]);
    }

    [Fact]
    public async Task AnAnnotationOfAnUnknownCategoryIsReported()
    {
        var dataset = await new FakeUpload()
            .Text("instances.json", Coco(Image(1, "a.jpg") + "," + Image(2, "b.jpg"), Box(1, 5, "[1, 1, 2, 2]")))
            .Images("images/a.jpg", "images/b.jpg")
            .ReadAsync();

        dataset.Problems.ShouldBe([new ImportProblem("a.jpg", "unknown class (category 5)")]);
        dataset.Items.Select(i => i.Path).ShouldBe(["images/b.jpg"]);
    }

    [Fact]
    public async Task AnAnnotationOfAnUnknownImageIsReported()
    {
        var dataset = await new FakeUpload().Text("instances.json", Coco(Image(1, "a.jpg"), Box(42, 1, "[1, 1, 2, 2]"))).Images("a.jpg").ReadAsync();

        dataset.Problems.ShouldHaveSingleItem().Message.ShouldBe("annotation 9 refers to unknown image 42");
        dataset.Items.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ABoxOutsideTheImageIsReported()
    {
        var dataset = await new FakeUpload().Text("instances.json", Coco(Image(1, "a.jpg"), Box(1, 1, "[630, 10, 40, 20]"))).Images("a.jpg").ReadAsync();

        dataset.Problems.ShouldBe([new ImportProblem("a.jpg", "box outside the image (x 630 + width 40 > 640)")]);
        dataset.Items.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("[1, 1, 0, 5]", "box with a non-positive size (width 0, height 5)")]
    [InlineData("[1, 1, -3, 5]", "box with a non-positive size (width -3, height 5)")]
    [InlineData("""["a", 1, 2, 3]""", "bbox is not four numbers [x, y, width, height]")]
    [InlineData("[1, 2, 3]", "bbox is not four numbers [x, y, width, height]")]
    [InlineData("null", "bbox is not four numbers [x, y, width, height]")]
    public async Task AMalformedBoxIsReported(string bbox, string message)
    {
        var dataset = await new FakeUpload().Text("instances.json", Coco(Image(1, "a.jpg"), Box(1, 1, bbox))).Images("a.jpg").ReadAsync();

        dataset.Problems.ShouldBe([new ImportProblem("a.jpg", message)]);
    }

    [Fact]
    public async Task MalformedJsonIsReportedBesideAGoodAnnotationFile()
    {
        var dataset = await new FakeUpload()
            .Text("instances_train.json", Coco(Image(1, "a.jpg"), ""))
            .Text("instances_test.json", "{\"images\": [")
            .Images("a.jpg")
            .ReadAsync();

        dataset.Items.ShouldHaveSingleItem();
        var problem = dataset.Problems.ShouldHaveSingleItem();
        problem.File.ShouldBe("instances_test.json");
        problem.Message.ShouldStartWith("not valid JSON");
    }

    [Fact]
    public async Task OnlyMalformedJsonIsRefused() =>
        (await new FakeUpload().Text("instances.json", "{oops").Images("a.jpg").RefusalAsync())
            .ShouldStartWith("No COCO annotation file could be read: instances.json is not valid JSON");

    [Fact]
    public async Task AJsonThatIsNotCocoLeavesTheRestToBeDetected()
    {
        var dataset = await new FakeUpload().Text("meta.json", """{"source": "camera"}""").Images("cat/1.jpg", "dog/2.jpg").ReadAsync();

        dataset.Format.ShouldBe(DatasetFormat.ImageFolders);
    }
}
