enum KneadTerminalModule {}
