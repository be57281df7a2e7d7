package org.tallymq.store.journal;

import java.util.List;

/**
 * What {@link Journal.Builder#open()} found and changed on disk.
 *
 * @param segments              segment files opened
 * @param records               records read
 * @param tornTails             torn tails cut off (normal after a crash): file, offset, bytes zeroed, why
 * @param repairs               with {@code repair(true)} only: corruption found, and what was dropped to get past it
 * @param rolledBackTransactions transactions that had neither COMMIT, ROLLBACK nor PREPARE; a ROLLBACK was written
 */
public record RecoveryReport(int segments, long records, List<String> tornTails, List<String> repairs,
                             List<Long> rolledBackTransactions) {

    public RecoveryReport {
        tornTails = List.copyOf(tornTails);
        repairs = List.copyOf(repairs);
        rolledBackTransactions = List.copyOf(rolledBackTransactions);
    }
}
