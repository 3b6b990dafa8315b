using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnnotationSuggestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SuggestedLabelId",
                table: "AnnotationTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SuggestionConfidence",
                table: "AnnotationTasks",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SuggestionTaken",
                table: "AnnotationTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "QueueOrder",
                table: "AnnotationProjects",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SuggestionSource",
                table: "AnnotationProjects",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SuggestedLabelId",
                table: "AnnotationTasks");

            migrationBuilder.DropColumn(
                name: "SuggestionConfidence",
                table: "AnnotationTasks");

            migrationBuilder.DropColumn(
                name: "SuggestionTaken",
                table: "AnnotationTasks");

            migrationBuilder.DropColumn(
                name: "QueueOrder",
                table: "AnnotationProjects");

            migrationBuilder.DropColumn(
                name: "SuggestionSource",
                table: "AnnotationProjects");
        }
    }
}
