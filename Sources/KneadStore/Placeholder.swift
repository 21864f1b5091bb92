enum KneadStoreModule {}
