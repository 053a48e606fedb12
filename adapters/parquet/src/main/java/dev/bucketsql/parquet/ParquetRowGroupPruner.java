package dev.bucketsql.parquet;

import dev.bucketsql.format.PruningStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.filter2.bloomfilterlevel.BloomFilterImpl;
import org.apache.parquet.filter2.dictionarylevel.DictionaryFilter;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.LogicalInverseRewriter;
import org.apache.parquet.filter2.statisticslevel.StatisticsFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which row groups of a file a filter needs, cheapest evidence first, as parquet's {@code
 * RowGroupFilter} does: min/max and null-count statistics (no I/O), then dictionary pages (one
 * small read per filter column), then bloom filters (one small read each).
 *
 * <p>A row group whose statistics show that every value lies inside the filter is kept without
 * asking its dictionary or bloom filter, which could not rule it out anyway: on a sorted column
 * this saves a read per surviving row group. A dictionary or bloom filter that cannot be read keeps
 * its row group: pruning is an optimisation, and a damaged chunk is reported with its key and
 * offset when its data is read.
 */
final class ParquetRowGroupPruner {
  private static final Logger LOG = LoggerFactory.getLogger(ParquetRowGroupPruner.class);

  private ParquetRowGroupPruner() {}

  /**
   * The row groups to read and what was skipped.
   *
   * @param kept indexes (in the footer) of the row groups to read, ascending
   * @param allMatch indexes of kept row groups whose statistics show every row matches: their page
   *     indexes need not be read
   * @param stats counts by the evidence that skipped each row group
   */
  record Result(List<Integer> kept, Set<Integer> allMatch, PruningStats stats) {}

  /** Every row group of {@code blocks}, none pruned. */
  static Result keepAll(List<BlockMetaData> blocks) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      all.add(i);
    }
    return new Result(all, Set.of(), new PruningStats(blocks.size(), 0, 0, 0, 0));
  }

  static Result prune(
      String key, FilterPredicate filter, List<BlockMetaData> blocks, ParquetFileReader reader) {
    FilterPredicate inverse = inverse(filter);
    List<Integer> kept = new ArrayList<>();
    Set<Integer> allMatch = new HashSet<>();
    int byStats = 0;
    int byDictionary = 0;
    int byBloom = 0;
    for (int i = 0; i < blocks.size(); i++) {
      BlockMetaData block = blocks.get(i);
      List<ColumnChunkMetaData> columns = block.getColumns();
      if (block.getRowCount() == 0 || StatisticsFilter.canDrop(filter, columns)) {
        byStats++;
        continue;
      }
      if (inverse != null && StatisticsFilter.canDrop(inverse, columns)) {
        kept.add(i); // every row matches by statistics: nothing finer can rule it out
        allMatch.add(i);
        continue;
      }
      if (dictionaryRulesOut(key, i, filter, block, reader)) {
        byDictionary++;
        continue;
      }
      if (bloomRulesOut(key, i, filter, block, reader)) {
        byBloom++;
        continue;
      }
      kept.add(i);
    }
    return new Result(
        kept, allMatch, new PruningStats(blocks.size(), byStats, byDictionary, byBloom, 0));
  }

  private static FilterPredicate inverse(FilterPredicate filter) {
    try {
      return LogicalInverseRewriter.rewrite(FilterApi.not(filter));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean dictionaryRulesOut(
      String key,
      int index,
      FilterPredicate filter,
      BlockMetaData block,
      ParquetFileReader reader) {
    try {
      return DictionaryFilter.canDrop(
          filter, block.getColumns(), reader.getDictionaryReader(block));
    } catch (RuntimeException e) {
      LOG.debug("cannot use the dictionaries of row group {} of '{}'", index, key, e);
      return false;
    }
  }

  private static boolean bloomRulesOut(
      String key,
      int index,
      FilterPredicate filter,
      BlockMetaData block,
      ParquetFileReader reader) {
    try {
      return BloomFilterImpl.canDrop(
          filter, block.getColumns(), reader.getBloomFilterDataReader(block));
    } catch (RuntimeException e) {
      LOG.debug("cannot use the bloom filters of row group {} of '{}'", index, key, e);
      return false;
    }
  }
}
