package io.pinpush.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting objects into pieces at record boundaries, and reading each piece back on its own. */
class PieceCutterTest {

    @Test
    void csvPiecesEndOnRecordBoundariesEvenInsideQuotedLineBreaks() throws IOException {
        StringBuilder csv = new StringBuilder("Id,Address\r\n");
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String address = i % 3 == 0 ? "multi\nline, \"quoted\" " + i : "plain-" + i;
            csv.append("id-").append(i).append(",\"").append(address.replace("\"", "\"\"")).append("\"\r\n");
            expected.add(List.of("id-" + i, address));
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        List<PieceCutter.Cut> cuts = cut(bytes, Format.CSV, 5);

        assertThat(cuts).hasSize(5);
        assertThat(cuts).allSatisfy(c -> assertThat(c.header()).containsExactly("Id", "Address"));
        assertThat(cuts.get(0).firstRow()).isEqualTo(2);
        assertThat(cuts.get(cuts.size() - 1).end()).isEqualTo(bytes.length);
        List<List<String>> read = new ArrayList<>();
        for (int p = 0; p < cuts.size(); p++) {
            PieceCutter.Cut cut = cuts.get(p);
            if (p > 0) assertThat(cut.start()).isEqualTo(cuts.get(p - 1).end());
            CsvRecords records = new CsvRecords(new StringReader(new String(
                    Arrays.copyOfRange(bytes, (int) cut.start(), (int) cut.end()), StandardCharsets.UTF_8)));
            for (List<String> record; (record = records.next()) != null; ) read.add(record);
        }
        assertThat(read).isEqualTo(expected);
        // Rows are records: row 2 + 5 records per piece, whatever the line breaks inside them.
        assertThat(cuts.get(1).firstRow()).isEqualTo(7);
    }

    @Test
    void jsonPiecesCountLinesAndKeepABlankLastLineOut() throws IOException {
        byte[] bytes = "{\"Id\":\"a\"}\n{\"Id\":\"b\"}\n\n{\"Id\":\"c\"}".getBytes(StandardCharsets.UTF_8);
        List<PieceCutter.Cut> cuts = cut(bytes, Format.JSON, 2);
        assertThat(cuts).extracting(PieceCutter.Cut::firstRow).containsExactly(1L, 3L);
        assertThat(cuts.get(1).end()).isEqualTo(bytes.length);
        assertThat(cuts).allSatisfy(c -> assertThat(c.header()).isNull());
    }

    @Test
    void aHeaderWithoutRowsIsNoPieceAndAnEmptyObjectNeither() throws IOException {
        assertThat(cut("Id,Address\n".getBytes(StandardCharsets.UTF_8), Format.CSV, 10)).isEmpty();
        assertThat(cut(new byte[0], Format.JSON, 10)).isEmpty();
    }

    @Test
    void anUnterminatedQuoteIsAMalformedRecord() {
        CsvRecords records = new CsvRecords(new StringReader("a,\"never closed\nb,c\n"));
        assertThatThrownBy(records::next).isInstanceOf(CsvRecords.MalformedRecord.class);
    }

    @Test
    void unknownHeaderColumnsFailTheObject() {
        ImportRows.checkHeader(List.of("Id", "Location.Country", "User.UserAttributes.Tier", "Attributes.X",
                "Metrics.score", "Demographic.Platform", "CreationDate"), "s3://b/k.csv");
        assertThatThrownBy(() -> ImportRows.checkHeader(List.of("Id", "Location.Planet"), "s3://b/k.csv"))
                .isInstanceOf(JobFailure.class).hasMessageContaining("unknown column 'Location.Planet'");
        assertThatThrownBy(() -> ImportRows.checkHeader(List.of("User..UserId"), "s3://b/k.csv"))
                .isInstanceOf(JobFailure.class);
    }

    @Test
    void rowsWithoutIdGetTheSameDerivedIdEveryTime() {
        List<String> header = List.of("ChannelType", "Address", "Attributes.Interests", "Metrics.score");
        ImportRows.Row first = ImportRows.csv(header, List.of("GCM", "t", "a, b", "2.5"), "job", "s3://b/k.csv", 9);
        ImportRows.Row again = ImportRows.csv(header, List.of("GCM", "t", "a, b", "2.5"), "job", "s3://b/k.csv", 9);
        assertThat(first.endpointId()).isEqualTo(again.endpointId()).hasSize(32);
        assertThat(first.request().attributes()).containsEntry("Interests", List.of("a", "b"));
        assertThat(first.request().metrics()).containsEntry("score", 2.5);
        assertThatThrownBy(() -> ImportRows.csv(header, List.of("GCM", "t", "a", "lots"), "job", "o", 3))
                .isInstanceOf(ImportRows.RowError.class).hasMessageContaining("Metrics.score must be a number");
    }

    private static List<PieceCutter.Cut> cut(byte[] bytes, Format format, int rows) throws IOException {
        List<PieceCutter.Cut> cuts = new ArrayList<>();
        PieceCutter.cut(new ByteArrayInputStream(bytes), format, rows, cuts::add);
        return cuts;
    }
}
